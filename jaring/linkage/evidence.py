"""The evidence behind a pair's score, in plain Indonesian, from the comparison levels Splink reports."""

# Comparison -> level (gamma) -> what it means. Levels follow the comparisons in
# jaring/core/linkage/pipeline.py: -1 is "empty on one side", 0 is "everything else".
LEVELS: dict[str, dict[int, str]] = {
    "identity": {
        7: "NIK sama persis",
        6: "NIK sama kecuali digit terakhir yang 0 (kemungkinan dirusak Excel)",
        5: "NIK beda satu digit atau satu digit hilang, nomor urut sama (salah ketik)",
        4: "NIK kosong di satu baris, tanggal lahir sama",
        3: "Tanggal dan bulan lahir tertukar",
        2: "NIK sama sampai tanggal lahir tetapi nomor urut beda (bisa orang lain yang lahir di hari sama)",
        1: "Tanggal lahir sama, NIK berbeda",
        0: "NIK dan tanggal lahir berbeda",
    },
    "name": {
        6: "Nama sama (setelah gelar dan ejaan disamakan)",
        5: "Nama sama bila spasi diabaikan",
        4: "Nama sangat mirip",
        3: "Dua kata nama atau lebih sama",
        2: "Nama agak mirip",
        1: "Satu kata nama sama",
        0: "Nama berbeda",
    },
    "sex": {1: "Jenis kelamin sama", 0: "Jenis kelamin berbeda"},
    "kelurahan_code": {
        3: "Kelurahan, RT dan RW sama",
        2: "Kelurahan sama",
        1: "Kecamatan sama, kelurahan berbeda",
        0: "Kecamatan berbeda",
    },
    "phone": {1: "Nomor HP sama", 0: "Nomor HP berbeda"},
}
LABELS = {
    "identity": "NIK & tanggal lahir",
    "name": "Nama",
    "sex": "Jenis kelamin",
    "kelurahan_code": "Kelurahan",
    "phone": "No HP",
}


def explain(evidence: dict[str, int | None]) -> list[dict]:
    """One line per comparison: label, text, and whether it speaks for (agree), against or not at all."""
    lines = []
    for name, levels in LEVELS.items():
        level = evidence.get(name)
        if level is None or level < 0:
            lines.append(
                {"field": name, "label": LABELS[name], "text": "Kosong di salah satu baris", "verdict": "missing"}
            )
            continue
        lines.append(
            {
                "field": name,
                "label": LABELS[name],
                "text": levels.get(level, "?"),
                "verdict": "agree" if level > 0 else "disagree",
            }
        )
    return lines
