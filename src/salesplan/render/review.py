"""The evening review view."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from salesplan.render.tables import table


def render_review(data: dict[str, Any]) -> RenderableType:
    parts: list[RenderableType] = [Text(f"review of {data['date']}", style="bold")]
    total = sum(len(v) for v in data["by_outcome"].values())
    if not total:
        parts.append(Text("nothing logged today"))
    for outcome, items in data["by_outcome"].items():
        parts.append(
            table(
                ["at", "kind", "contact", "note", "next"],
                [
                    (i["at"][11:], i["kind"], i["contact"] or "(cold)", i["note"], i["next"])
                    for i in items
                ],
                title=f"{outcome} ({len(items)})",
            )
        )
    if data["no_next_step"]:
        parts.append(
            Text(
                f"⚠ {len(data['no_next_step'])} contacts without a next step:", style="bold yellow"
            )
        )
        for i in data["no_next_step"]:
            parts.append(
                Text(
                    f"  #{i['id']} {i['contact']} ({i['outcome']}) → salesplan log edit {i['id']} --next DATE"
                )
            )
    names = data["new_names"]
    parts.append(Text(f"today's names ({len(names)})", style="bold"))
    for n in names:
        parts.append(
            Text(
                "  "
                + " · ".join(str(v) for v in (n["name"], n["company"], n["phone"], n["area"]) if v)
            )
        )
    tm = data["tomorrow"]
    parts.append(
        Text(
            f"tomorrow {tm['date']}: {len(tm['appointments'])} appointments, {tm['due']} follow-ups due"
            + (f", {len(tm['warnings'])} warnings" if tm["warnings"] else ""),
            style="bold",
        )
    )
    for a in tm["appointments"]:
        parts.append(
            Text(
                f"  {a['start']} {a['label']}"
                + (f" ({a['area']})" if a["area"] else "")
                + (f" · leave by {a['leave_by']}" if a["leave_by"] else "")
            )
        )
    return Group(*parts)
