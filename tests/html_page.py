"""Reading the HTML pages in tests: what they would fetch, their text, their tables."""

from __future__ import annotations

from html.parser import HTMLParser


class Page(HTMLParser):
    """The parts of a page the tests read: tags, attributes that may fetch, the text, and
    each table's rows (cells as text) under the figure they belong to."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []  # every src, href, xlink:href, srcset, action, poster
        self.styles: list[str] = []  # style attributes and <style> bodies
        self.text: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}  # by the enclosing data-chart or data-rep
        self.team_rows: dict[str, dict[str, str]] = {}
        self._chart: list[str] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_style = False
        self._team_rep: str | None = None
        self._team_key: str | None = None
        self._depth: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        for name in (
            "src",
            "href",
            "xlink:href",
            "srcset",
            "action",
            "poster",
            "data",
            "formaction",
        ):
            if a.get(name) is not None:
                self.links.append(a[name] or "")
        if a.get("style"):
            self.styles.append(a["style"] or "")
        if tag == "style":
            self._in_style = True
        if tag in ("figure", "section", "div", "aside"):
            self._depth.append(a.get("data-chart") or "")
        if tag == "tr":
            self._row = []
            if "data-rep" in a:
                self._team_rep = a["data-rep"] or "total"
                self.team_rows[self._team_rep] = {}
        if tag in ("td", "th"):
            self._cell = []
            self._team_key = a.get("data-key")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False
        if tag in ("figure", "section", "div", "aside") and self._depth:
            self._depth.pop()
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            cell = "".join(self._cell).strip()
            self._row.append(cell)
            if self._team_rep is not None and self._team_key:
                self.team_rows[self._team_rep][self._team_key] = cell
            self._cell = None
        if tag == "tr" and self._row is not None:
            chart = next((c for c in reversed(self._depth) if c), "")
            self.tables.setdefault(chart, []).append(self._row)
            self._row = None
            self._team_rep = None

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
        else:
            self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def words(self) -> str:
        return "".join(self.text)


def check_self_contained(text: str) -> Page:
    """No request of any kind: nothing that loads, every link inside the page."""
    assert len(text.encode("utf-8")) < 2 * 1024 * 1024
    page = Page(text)
    for tag in ("script", "link", "img", "iframe", "object", "embed", "video", "audio", "image"):
        assert tag not in page.tags, tag
    assert all(link.startswith("#") for link in page.links), page.links
    for style in page.styles:
        assert "@import" not in style
        for part in style.split("url(")[1:]:
            assert part.lstrip("'\" ").startswith("#"), part[:40]
    assert "http://" not in text and "https://" not in text and "//cdn" not in text
    return page
