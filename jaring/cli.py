"""`jaring`: the one command-line entry point.

Jaring's own subcommands and all of Django's management commands (`jaring migrate`,
`jaring createsuperuser`, ...) run through it, with the settings and DATABASE_URL of the
environment.
"""

import os
import sys

OVERVIEW = """\
Usage: jaring <command> [options]

Jaring commands (each has --help; those that report have --json):
  regions load        load the Kemendagri region hierarchy (idempotent)
  nik check NIK...    normalise and validate NIKs
  demo setup          create the demo region's OPDs and one user per role
  import FILE...      import OPD worker lists (xlsx, xls, ods, csv) --source NAME
  export records      write every stored source row to a CSV file
  export persons      write every person (golden record) to a CSV file
  link                link accepted rows into persons (one person, one record)
  review list         pairs that may be the same person, waiting for a decision
  review decide ID    decide a pair: same or different
  roster import FILE  load BPJS's participant list; mark who is already covered
  worker              run background jobs; jobs whose worker died are run again

Django commands work too, for example:
  migrate             create or update the database tables
  createsuperuser     create an administrator
  runserver           start the development server
  help --commands     list every command
"""


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "jaring"
    if len(argv) == 1 or argv[1] in ("-h", "--help"):
        sys.stdout.write(OVERVIEW)
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jaring.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        # A settings problem is the operator's to fix; say what it is without a traceback.
        sys.stderr.write(f"jaring: configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
