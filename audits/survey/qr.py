"""QR codes for the survey's address (segno: pure Python). A data: URI in an <img>, which the
Content-Security-Policy allows (img-src data:), prints crisp at any size (SVG)."""

import segno


def qr_data_uri(url: str, *, scale: int = 8) -> str:
    # Level M survives a crumpled or smudged printout at the desk.
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=scale, border=2)
