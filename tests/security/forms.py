"""Read a page's forms the way a browser submits them (inputs, text areas, selects)."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self._form = None
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None or (not attrs.get("name") and tag != "option"):
            return
        name = attrs.get("name")
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind not in {"submit", "button", "file"}:
                default = "on" if kind in {"checkbox", "radio"} else ""
                self._form.setdefault(name, []).append(attrs.get("value", default))
        elif tag == "textarea":
            self._textarea = name
            self._form.setdefault(name, []).append("")
        elif tag == "select":
            self._select = name
            self._form.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._form[self._select].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            values = self._form[self._textarea]
            # Like a browser: the newline right after <textarea> is not part of the value.
            values[-1] += data if values[-1] else data.removeprefix("\n")


def all_forms(html: str) -> list[dict[str, list[str]]]:
    """What each POST form of the page submits as it is."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form_with(html: str, field: str) -> dict[str, list[str]]:
    """The submitted data of the page's POST form that has ``field``."""
    return next(form for form in all_forms(html) if field in form)
