"""Ofcom Connected Nations files generated in the publisher's layouts (column names and order
as Ofcom writes them; the values are made up), shared by the unit and QGIS tests.

Layouts: the May 2023 local-authority file (40 columns, PROVENANCE.md section 3), the 2019
local-authority file (the same plus '% of premises able to receive SFBB from FWA'), the older
full postcode file (DOMAIN.md section 4), the July 2025 postcode file (the columns an independent
importer reads; 'decent broadband from fixed or FWA' no longer there), and the 2025 download:
an outer ZIP holding a nested ZIP with postcode_files/ (all premises) and postcode_res_files/
(residential), beside the local-authority files and files at other geographies.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from helpers.archives import zip_bytes

LA_2023_HEADERS = [
    "laua", "laua_name", "All Premises", "All Matched Premises", "SFBB availability (% premises)",
    "UFBB (100Mbit/s) availability (% premises)", "UFBB availability (% premises)",
    "Full Fibre availability (% premises)", "Gigabit availability (% premises)",
    "% of premises unable to receive 2Mbit/s", "% of premises unable to receive 5Mbit/s",
    "% of premises unable to receive 10Mbit/s", "% of premises unable to receive 30Mbit/s",
    "% of premises below the USO", "% of premises with NGA",
    "% of premises able to receive decent broadband from FWA",
    "Number of premises with SFBB availability", "Number of premises with UFBB (100Mbit/s) availability",
    "Number of premises with UFBB availability", "Number of premises with Full Fibre availability",
    "Number of premises with Gigabit availability", "Number of premises unable to receive 2Mbit/s",
    "Number of premises unable to receive 5Mbit/s", "Number of premises unable to receive 10Mbit/s",
    "Number of premises unable to receive 30Mbit/s", "Number of premises below the USO",
    "Number of premises with NGA", "Number of premises able to receive decent broadband from FWA",
    "Number of premises with 30<300Mbit/s download speed", "Number of premises with >=300Mbit/s download speed",
    "Number of premises with 0<2Mbit/s download speed", "Number of premises with 2<5Mbit/s download speed",
    "Number of premises with 5<10Mbit/s download speed", "Number of premises with 10<30Mbit/s download speed",
    "% of premises with 30<300Mbit/s download speed", "% of premises with >=300Mbit/s download speed",
    "% of premises with 0<2Mbit/s download speed", "% of premises with 2<5Mbit/s download speed",
    "% of premises with 5<10Mbit/s download speed", "% of premises with 10<30Mbit/s download speed",
]  # fmt: skip
LA_2019_HEADERS = [
    *LA_2023_HEADERS[:16],
    "% of premises able to receive SFBB from FWA",
    *LA_2023_HEADERS[16:],
]
#: the columns of the 2023 LA file the reader has no use for
LA_2023_IGNORED = ["% of premises with NGA", "% of premises able to receive decent broadband from FWA"]

POSTCODE_HEADERS = [
    "postcode", "postcode_space", "postcode area", "SFBB availability (% premises)",
    "UFBB (100Mbit/s) availability (% premises)", "UFBB availability (% premises)",
    "Gigabit availability (% premises)", "% of premises unable to receive 2Mbit/s",
    "% of premises unable to receive 5Mbit/s", "% of premises unable to receive 10Mbit/s",
    "% of premises unable to receive 30Mbit/s",
    "% of premises unable to receive decent broadband from fixed or FWA", "% of premises below the USO",
    "% of premises with 0<2Mbit/s download speed", "% of premises with 2<5Mbit/s download speed",
    "% of premises with 5<10Mbit/s download speed", "% of premises with 10<30Mbit/s download speed",
    "% of premises with 30<300Mbit/s download speed", "% of premises with >=300Mbit/s download speed",
]  # fmt: skip
POSTCODE_2025_HEADERS = [
    "postcode", "postcode_space", "postcode area", "SFBB availability (% premises)",
    "UFBB (100Mbit/s) availability (% premises)", "UFBB availability (% premises)",
    "Gigabit availability (% premises)", "% of premises with 0<2Mbit/s download speed",
    "% of premises with 2<5Mbit/s download speed", "% of premises with 5<10Mbit/s download speed",
    "% of premises with 10<30Mbit/s download speed", "% of premises with 30<300Mbit/s download speed",
    "% of premises with >=300Mbit/s download speed", "% of premises unable to receive 2Mbit/s",
    "% of premises unable to receive 5Mbit/s", "% of premises unable to receive 10Mbit/s",
    "% of premises unable to receive 30Mbit/s", "% of premises below the USO", "% of premises with NGA",
    "% of premises able to receive decent broadband from FWA",
]  # fmt: skip


def _pct(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if x else "0"


def la_row(
    code: str, name: str, premises: int, gigabit: float, unable10: float = 0.5, headers=None
) -> list[str]:
    """A local-authority row whose counts agree with its percentages."""
    headers = headers or LA_2023_HEADERS
    pct = {
        "SFBB availability (% premises)": 97.0,
        "UFBB (100Mbit/s) availability (% premises)": max(gigabit, 85.0),
        "UFBB availability (% premises)": max(gigabit, 84.0),
        "Full Fibre availability (% premises)": gigabit * 0.9,
        "Gigabit availability (% premises)": gigabit,
        "% of premises unable to receive 2Mbit/s": 0.0,
        "% of premises unable to receive 5Mbit/s": 0.2,
        "% of premises unable to receive 10Mbit/s": unable10,
        "% of premises unable to receive 30Mbit/s": 3.0,
        "% of premises below the USO": 0.1,
        "% of premises with NGA": 98.0,
        "% of premises able to receive decent broadband from FWA": 0.0,
        "% of premises able to receive SFBB from FWA": 0.0,
        "% of premises with 30<300Mbit/s download speed": 100 - gigabit - 3.0,
        "% of premises with >=300Mbit/s download speed": gigabit,
        "% of premises with 0<2Mbit/s download speed": 0.0,
        "% of premises with 2<5Mbit/s download speed": 0.2,
        "% of premises with 5<10Mbit/s download speed": 0.3,
        "% of premises with 10<30Mbit/s download speed": 2.5,
    }
    row = []
    for h in headers:
        if h == "laua":
            row.append(code)
        elif h == "laua_name":
            row.append(name)
        elif h == "All Premises":
            row.append(str(premises))
        elif h == "All Matched Premises":
            row.append(str(premises - 100))
        elif h.startswith("Number of premises"):
            twin = h.replace("Number of premises", "% of premises")
            twin = {
                "% of premises with SFBB availability": "SFBB availability (% premises)",
                "% of premises with UFBB (100Mbit/s) availability": "UFBB (100Mbit/s) availability (% premises)",
                "% of premises with UFBB availability": "UFBB availability (% premises)",
                "% of premises with Full Fibre availability": "Full Fibre availability (% premises)",
                "% of premises with Gigabit availability": "Gigabit availability (% premises)",
            }.get(twin, twin)
            row.append(str(round(premises * pct[twin] / 100)))
        else:
            row.append(_pct(pct[h]))
    return row


def postcode_row(pc: str, gigabit: float = 80.0, unable10: float = 0.0, headers=None) -> list[str]:
    """A postcode row in ``headers`` (default: the 2025 layout)."""
    headers = headers or POSTCODE_2025_HEADERS
    compact = pc.replace(" ", "")
    area = "".join(ch for ch in pc.split(" ")[0] if ch.isalpha())
    values = {
        "postcode": compact,
        "postcode_space": pc,
        "postcode area": area,
        "SFBB availability (% premises)": "95",
        "UFBB (100Mbit/s) availability (% premises)": "90",
        "UFBB availability (% premises)": "85",
        "Gigabit availability (% premises)": _pct(gigabit),
        "% of premises unable to receive 10Mbit/s": _pct(unable10),
        "% of premises unable to receive decent broadband from fixed or FWA": _pct(unable10),
        "% of premises with >=300Mbit/s download speed": _pct(gigabit),
        "% of premises with NGA": "100",
    }
    return [values.get(h, "0") for h in headers]


def csv_bytes(headers: list[str], rows: list[list[str]]) -> bytes:
    """CSV as Ofcom writes it (CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    path.write_bytes(csv_bytes(headers, rows))
    return path


#: the postcodes of the generated 2025 download, by area; the residential files hold fewer
POSTCODES_2025 = {
    "E": [("E1 6AN", 90.0), ("E1 6AQ", 10.0), ("E2 7DG", 50.0)],
    "N": [("N1 9GU", 95.0), ("N1 9GX", 20.0)],
    "SE": [("SE1 9SG", 100.0), ("SE1 7PB", 5.0), ("SE10 0DX", 60.0), ("SE10 9NN", 30.0)],
}
LA_2025 = [("E09000001", "City of London", 12000, 85.0), ("E09000033", "Westminster", 150000, 80.0)]


def nested_2025_zip(path: Path) -> Path:
    """Ofcom's 2025 download: an outer ZIP with a folder holding the nested postcode ZIP
    (postcode_files/ and postcode_res_files/), the local-authority files (all and residential),
    a file at another geography (constituencies) and a PDF."""
    inner: dict[str, bytes] = {}
    for area, pcs in POSTCODES_2025.items():
        rows = [postcode_row(pc, g) for pc, g in pcs]
        inner[f"postcode_files/202507_fixed_pc_coverage_r01_{area}.csv"] = csv_bytes(
            POSTCODE_2025_HEADERS, rows
        )
        res_rows = rows[:-1]  # one postcode has no homes
        inner[f"postcode_res_files/202507_fixed_pc_coverage_res_r01_{area}.csv"] = csv_bytes(
            POSTCODE_2025_HEADERS, res_rows
        )
    la_rows = [la_row(code, name, n, g) for code, name, n, g in LA_2025]
    folder = "202507_fixed_coverage_r01"
    outer = {
        f"{folder}/202507_fixed_pc_coverage_r01.zip": zip_bytes(inner),
        f"{folder}/202507_fixed_laua_coverage_r01.csv": csv_bytes(LA_2023_HEADERS, la_rows),
        f"{folder}/202507_fixed_laua_res_coverage_r01.csv": csv_bytes(LA_2023_HEADERS, la_rows),
        f"{folder}/202507_fixed_pcon_coverage_r01.csv": csv_bytes(
            ["pcon", "pcon_name", "Gigabit availability (% premises)"],
            [["E14000639", "Cities of London", "85"]],
        ),
        f"{folder}/About this data.pdf": b"%PDF-1.4 not really\n",
    }
    path.write_bytes(zip_bytes(outer))
    return path


#: what the generated download holds, for assertions
N_POSTCODES_ALL = sum(len(p) for p in POSTCODES_2025.values())
N_POSTCODES_RES = N_POSTCODES_ALL - len(POSTCODES_2025)
N_CSV_EACH_KIND = len(POSTCODES_2025) + 1  # postcode files + the LA file
