"""A `Sheet` as one self-contained HTML page: its styles inline, no script, nothing
fetched from anywhere (a Content-Security-Policy forbids it, too), laid out to print
cleanly and to be read with a screen reader (real headings and lists, tables with
header cells). Every value from the brief is escaped with `html.escape`."""

from __future__ import annotations

from html import escape as _escape

from briefing_tui.core.printable import clipboard_text
from briefing_tui.core.sheet import Heading, Listing, Paragraph, Sheet, Table

_STYLE = """
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; background: #fff;
       max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
.banner { border: 2px solid #b00; color: #b00; text-align: center; padding: .2em; }
h2 { font-size: 1.25em; margin: 1.4em 0 .4em; border-bottom: 1px solid #999; }
h3, h4 { font-size: 1.05em; margin: 1.1em 0 .3em; }
p.muted { color: #444; margin: .1em 0; }
li { margin: .35em 0; }
li p { margin: .1em 0; }
li p.beneath { color: #333; }
table { border-collapse: collapse; width: 100%; font-size: .95em; }
caption { text-align: left; font-weight: bold; margin-bottom: .3em; }
th, td { border: 1px solid #999; padding: .3em .4em; text-align: left; vertical-align: top; }
thead th { background: #eee; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h1, h2, h3, h4 { break-after: avoid; }
  li, tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""

_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'"


def escape(text: str) -> str:
    """Brief text as HTML text: markup characters escaped, control characters shown as
    symbols (HTML has no place for them)."""
    return _escape(clipboard_text(text), quote=True)


def _line(text: str) -> str:
    return escape(" ".join(clipboard_text(text).split()))


def sheet_html(sheet: Sheet) -> str:
    """The sheet as a whole HTML page."""
    body: list[str] = [f'<p class="banner"><strong>{_line(sheet.banner)}</strong></p>'] if sheet.banner else []
    for block in sheet.blocks:
        if isinstance(block, Heading):
            level = max(1, min(block.level, 6))
            body.append(f"<h{level}>{_line(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            css = ' class="muted"' if block.muted else ""
            body += [f"<p{css}>{_line(part)}</p>" for part in clipboard_text(block.text).split("\n\n") if part.strip()]
        elif isinstance(block, Listing):
            tag = "ol" if block.numbered else "ul"
            body.append(f"<{tag}>")
            for entry in block.entries:
                beneath = "".join(f'<p class="beneath">{_line(line)}</p>' for line in entry.beneath if line.strip())
                body.append(f"<li><p>{_line(entry.text)}</p>{beneath}</li>" if beneath else f"<li>{_line(entry.text)}</li>")
            body.append(f"</{tag}>")
        elif isinstance(block, Table):
            body += _table(block)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_line(sheet.title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _table(table: Table) -> list[str]:
    width = len(table.columns)
    out = ["<table>"]
    if table.caption:
        out.append(f"<caption>{_line(table.caption)}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{_line(c)}</th>' for c in table.columns) + "</tr></thead>")
    out.append("<tbody>")
    for row in table.rows:
        cells = [*row, *([""] * (width - len(row)))][:width]
        head = f'<th scope="row">{_line(cells[0])}</th>' if cells else ""
        out.append("<tr>" + head + "".join(f"<td>{_line(c)}</td>" for c in cells[1:]) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out
