"""Helpers every app shares, in one place (as healthchecks' `hc/lib`); they import no app.

- `listing`: lists that page, and their whole content as a download; `Table` serves both.
- `pages`: what pages share: a service's refusal said as the page's message, a form's refusals.
- `spreadsheets`: the xlsx and csv Jaring writes, with one rule against cells a spreadsheet would run,
  and the limits on reading an uploaded file.
- `bulk`: frames in and out of the database (COPY on PostgreSQL), in chunks a query can take.
- `fields`: model fields of our own. `env`: settings read from the environment.
- `cli`: what every `jaring <noun> <verb>` command shares.
"""
