"""HTML pages as the tests read them: the elements with their attributes, the script bodies."""

from html.parser import HTMLParser


class Page(HTMLParser):
    """The parts of an HTML page the tests look at: elements with attributes, script bodies."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: tuple[dict, list[str]] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "script":
            self._script = (attributes, [])

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            attributes, body = self._script
            self.scripts.append((attributes, "".join(body)))
            self._script = None

    def find(self, tag):
        return [attributes for name, attributes in self.elements if name == tag]

    def by_id(self, element_id):
        return [
            (tag, attributes)
            for tag, attributes in self.elements
            if attributes.get("id") == element_id
        ]

    @property
    def html_element(self) -> dict:
        return self.find("html")[0]


def page_of(response) -> Page:
    """The HTML of a response, parsed."""
    return Page(response.content.decode())
