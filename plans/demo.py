"""The demo (``manage.py load_demo``): the organizations and logins (plans/organizations/demo.py),
then each domain's demo.py, then what the apps built on plans add here; then the current year
(the year of the day it runs), so that the demo is alive on any date."""

# Apps that build on plans add their demo data here (audits does, from its AppConfig.ready):
# callables returning a line to print.
EXTRA_LOADERS: list = []
# The same for the current year: callables taking today's date, returning the lines to print.
CURRENT_YEAR_LOADERS: list = []


def demo_pdf(html: str) -> bytes:
    """A small PDF standing for a scanned record (evidence, a document's file), in the printouts'
    font: without one WeasyPrint takes fontconfig's "serif" (DejaVu Serif on Debian)."""
    from weasyprint import CSS, HTML

    font = CSS(string='body { font-family: "Times New Roman", Tinos, "Liberation Serif", serif }')
    return HTML(string=html).write_pdf(stylesheets=[font])
