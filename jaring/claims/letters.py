"""The santunan letter: what the region writes to a worker's heirs (or to the worker) about a claim BPJS paid.

One A4 page in Indonesian, as a regional office writes it: the letterhead of the region's government,
number, subject and date, the addressee, the text (the worker, the cover the region paid for, the
benefit in figures and in words, its parts), the closing, and the place, date and signature block for
the head of the office to sign by hand. Drawn with ReportLab's standard fonts, so it needs no font file.
"""

import datetime as dt
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from jaring.claims.models import Claim
from jaring.claims.selectors import claim_benefit
from jaring.core.benefits import PART_LABELS, SCHOLARSHIP_LEVELS, TOTAL_DISABILITY, WORK_ACCIDENT_DEATH
from jaring.core.money import rupiah_text
from jaring.core.terbilang import rupiah_words
from jaring.programs.selectors import person_enrolments
from jaring.regions.models import Region

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")  # fmt: skip
# The office that writes: most regions' manpower office is a "Dinas Tenaga Kerja" (under many longer names).
OFFICE = "Dinas Tenaga Kerja"
LEVEL_NAMES = dict(zip(SCHOLARSHIP_LEVELS, ("TK", "SD", "SMP", "SMA/SMK", "perguruan tinggi/pelatihan"), strict=True))
BENEFIT_NAMES = {
    "jkm": "Jaminan Kematian (JKM)",
    "jkk": "Jaminan Kecelakaan Kerja (JKK)",
    "jht": "Jaminan Hari Tua (JHT)",
    "jp": "Jaminan Pensiun (JP)",
    "jkp": "Jaminan Kehilangan Pekerjaan (JKP)",
    "beasiswa": "Beasiswa Pendidikan Anak",
}


@dataclass(frozen=True)
class SantunanLetter:
    """What the letter says, read from a claim."""

    claim_id: int
    region_name: str  # "Kota Malang"
    region_type: str  # Region.Type: "kota" or "kabupaten"
    worker: str
    sex: str  # "L", "P" or ""
    nik: str  # masked: the letter may travel
    kpj: str
    program: str
    level: str
    cause: str
    event_date: dt.date
    amount: int
    status: str
    claim_number: str
    parts: tuple[tuple[str, int], ...]  # the benefit's parts, when they make up the amount
    on: dt.date

    @property
    def died(self) -> bool:
        """Whether the claim follows the worker's death: the letter then goes to the heirs."""
        if self.program == "jkm":
            return True
        return self.program in ("jkk", "beasiswa") and self.cause not in (TOTAL_DISABILITY, "temporary_inability", "")

    @property
    def place(self) -> str:
        """Where the letter is written: the region's name without "Kota" or "Kabupaten"."""
        for prefix in ("Kota Administrasi ", "Kabupaten ", "Kota "):
            if self.region_name.startswith(prefix):
                return self.region_name.removeprefix(prefix)
        return self.region_name

    @property
    def head(self) -> str:
        """The head of the region the office signs for: "Wali Kota Malang", "Bupati Malang"."""
        return f"{'Wali Kota' if self.region_type == Region.Type.KOTA else 'Bupati'} {self.place}"


def santunan_letter(claim: Claim, *, on: dt.date) -> SantunanLetter:
    """The letter of `claim` (with its person and region), dated `on`."""
    person = claim.person
    benefit = claim_benefit(claim)
    parts = benefit.parts if benefit is not None and benefit.total == claim.amount_paid else ()
    kpj = next((e.kpj for e in person_enrolments(person_id=claim.person_id) if e.kpj), "")
    return SantunanLetter(
        claim_id=claim.pk,
        region_name=claim.region.name,
        region_type=claim.region.type,
        worker=(person.name or f"#{person.pk}").upper(),
        sex=person.sex,
        # The heirs' letter names the worker in full, as any official letter does; it is printed, not listed.
        nik=person.nik,
        kpj=kpj,
        program=claim.program,
        level=claim.level,
        cause=claim.cause,
        event_date=claim.event_date,
        amount=claim.amount_paid,
        status=claim.status,
        claim_number=claim.claim_number,
        parts=parts,
        on=on,
    )


def long_date(day: dt.date) -> str:
    """A date as a letter writes it: "4 Desember 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def letter_file_name(claim: Claim) -> str:
    return f"surat-santunan-{claim.pk}.pdf"


# --- the words -------------------------------------------------------------------------------------------


def _late(letter: SantunanLetter) -> str:
    return "almarhumah" if letter.sex == "P" else "almarhum" if letter.sex == "L" else "almarhum/almarhumah"


def _honorific(letter: SantunanLetter) -> str:
    return "Ibu" if letter.sex == "P" else "Bapak" if letter.sex == "L" else "Bapak/Ibu"


def _benefit_name(letter: SantunanLetter) -> str:
    name = BENEFIT_NAMES.get(letter.program, letter.program.upper())
    if letter.program == "beasiswa" and letter.level:
        return f"{name} jenjang {LEVEL_NAMES.get(letter.level, letter.level.upper())}"
    if letter.program == "jkk" and letter.cause == WORK_ACCIDENT_DEATH:
        return f"{name} atas meninggal dunia karena kecelakaan kerja"
    if letter.program == "jkk" and letter.cause == TOTAL_DISABILITY:
        return f"{name} atas cacat total tetap karena kecelakaan kerja"
    return name


def _benefit_word(letter: SantunanLetter) -> str:
    """JKM and JKK pay a santunan; the other programs a benefit (manfaat)."""
    return "santunan" if letter.program in ("jkm", "jkk") else "manfaat"


def subject(letter: SantunanLetter) -> str:
    name = BENEFIT_NAMES.get(letter.program, letter.program.upper())
    return f"Pemberitahuan {_benefit_word(letter).capitalize()} {name}"


def addressee(letter: SantunanLetter) -> list[str]:
    if letter.died:
        return ["Kepada Yth.", f"Ahli Waris {_late(letter)} <b>{escape(letter.worker)}</b>", "di tempat"]
    return ["Kepada Yth.", f"{_honorific(letter)} <b>{escape(letter.worker)}</b>", "di tempat"]


def opening(letter: SantunanLetter) -> list[str]:
    """The paragraphs before the amount: who the worker is and what the region paid for."""
    who = f"<b>{escape(letter.worker)}</b> (NIK {letter.nik}" + (f", KPJ {letter.kpj})" if letter.kpj else ")")
    cover = (
        f"terdaftar sebagai peserta BPJS Ketenagakerjaan yang iurannya dibayarkan oleh Pemerintah "
        f"{escape(letter.region_name)} melalui program perlindungan jaminan sosial ketenagakerjaan bagi pekerja rentan"
    )
    if letter.died:
        cause = " karena kecelakaan kerja" if letter.cause == WORK_ACCIDENT_DEATH else ""
        first = (
            f"Dengan hormat, kami turut berduka cita yang sedalam-dalamnya atas meninggalnya {_late(letter)} {who} "
            f"pada tanggal {long_date(letter.event_date)}{cause}. Semasa hidupnya, {_late(letter)} {cover}."
        )
    else:
        first = f"Dengan hormat, bersama ini kami sampaikan bahwa {_honorific(letter)} {who} {cover}."
        if letter.program == "jkk":
            first += f" Kecelakaan kerja yang dialami terjadi pada tanggal {long_date(letter.event_date)}."
    receiver = "ahli waris" if letter.died else _honorific(letter)
    if letter.status == Claim.Status.PAID:
        second = (
            f"Atas kepesertaan tersebut, BPJS Ketenagakerjaan telah membayarkan {_benefit_word(letter)} "
            f"{_benefit_name(letter)}"
        )
        second += f" kepada {receiver} sebesar:"
    else:
        second = (
            f"Atas kepesertaan tersebut, klaim {_benefit_word(letter)} {_benefit_name(letter)} untuk {receiver} "
            "telah diajukan "
            "kepada BPJS Ketenagakerjaan dan sedang diproses, sebesar:"
        )
    return [first, second]


def closing(letter: SantunanLetter) -> list[str]:
    number = f" dengan nomor klaim {escape(letter.claim_number)}" if letter.claim_number else ""
    paid = (
        f"{_benefit_word(letter).capitalize()} tersebut dibayarkan langsung oleh BPJS Ketenagakerjaan{number}."
        if letter.status == Claim.Status.PAID
        else f"Klaim tersebut tercatat{number}; BPJS Ketenagakerjaan akan memberitahukan pembayarannya."
    )
    comfort = (
        f"Semoga {_benefit_word(letter)} ini dapat meringankan beban keluarga yang ditinggalkan."
        if letter.died
        else f"Semoga {_benefit_word(letter)} ini bermanfaat bagi {_honorific(letter)} dan keluarga."
    )
    return [
        f"{paid} {comfort} Untuk keterangan lebih lanjut, silakan menghubungi {OFFICE} atau Kantor Cabang BPJS "
        "Ketenagakerjaan terdekat.",
        "Demikian surat pemberitahuan ini kami sampaikan. Atas perhatiannya kami ucapkan terima kasih.",
    ]


def amount_rows(letter: SantunanLetter) -> list[tuple[str, str]]:
    """(label, amount) rows of the benefit: its parts and their sum, or the amount alone."""
    if len(letter.parts) > 1:
        rows = [(PART_LABELS[code][0].capitalize(), rupiah_text(amount)) for code, amount in letter.parts]
        return [*rows, ("Jumlah", rupiah_text(letter.amount))]
    return [(f"Jumlah {_benefit_word(letter)}", rupiah_text(letter.amount))]


# --- the page --------------------------------------------------------------------------------------------

_BASE = ParagraphStyle("base", fontName="Times-Roman", fontSize=12, leading=16)
_BODY = ParagraphStyle("body", parent=_BASE, alignment=TA_JUSTIFY, spaceAfter=8, firstLineIndent=1.25 * cm)
_CENTRE = ParagraphStyle("centre", parent=_BASE, alignment=TA_CENTER)
_HEAD = ParagraphStyle("head", parent=_CENTRE, fontName="Times-Bold", fontSize=14, leading=18)
_OFFICE = ParagraphStyle("office", parent=_CENTRE, fontName="Times-Bold", fontSize=17, leading=21)
_SMALL = ParagraphStyle("small", parent=_CENTRE, fontSize=10, leading=12)


class _DoubleRule(Flowable):
    """The letterhead's rule: a thick line over a thin one, the width of the text."""

    def __init__(self, width: float):
        super().__init__()
        self.width, self.height = width, 5

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(2.2)
        canvas.line(0, 4, self.width, 4)
        canvas.setLineWidth(0.6)
        canvas.line(0, 0.5, self.width, 0.5)


def santunan_letter_pdf(letter: SantunanLetter) -> bytes:
    """The letter as a one-page A4 PDF."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=1.8 * cm,
        bottomMargin=1.8 * cm,
        title=f"Surat santunan {letter.worker}",
        author=f"Pemerintah {letter.region_name}",
        subject=subject(letter),
        creator="Jaring",
    )
    width = document.width
    story: list[Flowable] = [
        Paragraph(f"PEMERINTAH {escape(letter.region_name.upper())}", _HEAD),
        Paragraph(OFFICE.upper(), _OFFICE),
        Paragraph("Program Perlindungan Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan", _SMALL),
        Spacer(1, 6),
        _DoubleRule(width),
        Spacer(1, 14),
        _heading_table(letter, width),
        Spacer(1, 14),
        *[Paragraph(line, _BASE) for line in addressee(letter)],
        Spacer(1, 14),
        *[Paragraph(text, _BODY) for text in opening(letter)],
        _amount_table(letter, width),
        Paragraph(f"<i>(terbilang: {rupiah_words(letter.amount)})</i>", _CENTRE),
        Spacer(1, 12),
        *[Paragraph(text, _BODY) for text in closing(letter)],
        Spacer(1, 10),
        KeepTogether(_signature_table(letter, width)),
    ]
    note = f"Dibuat dengan Jaring dari klaim #{letter.claim_id}" + (
        f" (nomor klaim BPJS {letter.claim_number})" if letter.claim_number else ""
    )

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Times-Roman", 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(doc.leftMargin, 1.1 * cm, note)
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _heading_table(letter: SantunanLetter, width: float) -> Table:
    rows = [
        [Paragraph("Nomor", _BASE), Paragraph(":", _BASE), Paragraph("......../......../........", _BASE)],
        [Paragraph("Lampiran", _BASE), Paragraph(":", _BASE), Paragraph("-", _BASE)],
        [Paragraph("Perihal", _BASE), Paragraph(":", _BASE), Paragraph(f"<b>{subject(letter)}</b>", _BASE)],
    ]
    table = Table(rows, colWidths=[2.2 * cm, 0.4 * cm, width - 2.6 * cm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _amount_table(letter: SantunanLetter, width: float) -> Table:
    rows = amount_rows(letter)
    label = ParagraphStyle("label", parent=_BASE)
    total = ParagraphStyle("total", parent=_BASE, fontName="Times-Bold")
    figure = ParagraphStyle("figure", parent=_BASE, alignment=2)
    figure_total = ParagraphStyle("figure_total", parent=figure, fontName="Times-Bold", fontSize=13)
    last = len(rows) - 1
    data = [
        [
            Paragraph(name, total if index == last else label),
            Paragraph(amount, figure_total if index == last else figure),
        ]
        for index, (name, amount) in enumerate(rows)
    ]
    table = Table(data, colWidths=[7.5 * cm, 4.5 * cm], hAlign="CENTER")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, last), (-1, last), colors.HexColor("#F2F2F2")),
    ]
    if last:
        style.append(("LINEABOVE", (0, last), (-1, last), 0.6, colors.black))
    table.setStyle(TableStyle(style))
    return table


def _signature_table(letter: SantunanLetter, width: float) -> list[Flowable]:
    block = [
        Paragraph(f"{escape(letter.place)}, {long_date(letter.on)}", _CENTRE),
        Paragraph(f"a.n. {escape(letter.head)}", _CENTRE),
        Paragraph(f"Kepala {OFFICE},", _CENTRE),
        Spacer(1, 2.2 * cm),
        Paragraph("(.........................................................)", _CENTRE),
        Paragraph("NIP. ...................................................", _CENTRE),
    ]
    table = Table([["", block]], colWidths=[width - 8 * cm, 8 * cm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table]
