"""The message catalogue's tables, by the part of the tool that speaks.

`words` holds the words of listings (statuses, column headers, kinds),
`notices` the sentences commands print; the other modules hold the error
messages of the part that raises them. `bmnn_cli.i18n` assembles them into
the one catalogue `t()` reads. Each entry is key: (Vietnamese, English);
both texts take the same `{placeholders}` (tests/test_i18n.py checks it).
"""
