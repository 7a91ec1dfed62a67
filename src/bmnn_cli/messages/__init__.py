"""The error messages of the catalogue, by the part of the tool that raises them.

`bmnn_cli.i18n` assembles these tables with its own (tables, statuses,
notices) into the one catalogue `t()` reads. Each entry is
key: (Vietnamese, English); both texts take the same `{placeholders}`
(tests/test_i18n.py checks it).
"""
