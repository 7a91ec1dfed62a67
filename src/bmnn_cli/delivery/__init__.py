"""Getting reminders out: settings, e-mail (SMTP and .eml files) and iCalendar feeds.

Kept apart from the domain (what to say) and the store (what was sent), so
that the network and file formats are imported only by the commands that
need them: cron starts `bmnn` often, and start-up time matters.
"""
