"""The catalogue of occupations of vulnerable workers, and matching free text against it.

An administrator can add synonyms (stored in the database and passed in as `extra_synonyms`);
these defaults are the words seen in OPD lists and news reports.
"""

import re

OTHER = "lainnya"

# code -> (label, synonyms). Synonyms are matched as whole words inside the lowercased text.
CATALOGUE: dict[str, tuple[str, tuple[str, ...]]] = {
    "guru_ngaji": (
        "Guru ngaji",
        (
            "guru ngaji",
            "ustadz",
            "ustad",
            "ustadzah",
            "guru tpq",
            "guru tpa",
            "guru madin",
            "pengajar al quran",
            "guru mengaji",
        ),
    ),
    "marbot": ("Marbot", ("marbot", "marbut", "takmir", "modin", "muadzin", "penjaga masjid", "penjaga musholla")),
    "linmas": ("Linmas", ("linmas", "hansip", "satlinmas", "perlindungan masyarakat")),
    "rt_rw": ("Pengurus RT/RW", ("ketua rt", "ketua rw", "pengurus rt", "pengurus rw", "rt", "rw", "rt/rw")),
    "penggali_makam": ("Penggali makam", ("penggali makam", "juru kunci makam", "penjaga makam", "juru makam")),
    "ojek": ("Ojek / ojol", ("ojek", "ojol", "ojek online", "driver online", "gojek", "grab", "maxim", "kurir")),
    "sopir_angkot": ("Sopir angkot", ("sopir angkot", "supir angkot", "sopir angkutan", "driver angkot", "sopir")),
    "becak": ("Tukang becak", ("becak", "tukang becak", "pengayuh becak", "penarik becak")),
    "juru_parkir": ("Juru parkir", ("juru parkir", "jukir", "tukang parkir", "parkir")),
    "pemulung": ("Pemulung", ("pemulung", "pengepul rongsok", "rongsok")),
    "petani": ("Petani / buruh tani", ("petani", "buruh tani", "tani", "pekebun", "peternak", "petani tembakau")),
    "nelayan": ("Nelayan", ("nelayan", "buruh nelayan")),
    "buruh_serabutan": (
        "Buruh serabutan",
        (
            "buruh serabutan",
            "serabutan",
            "buruh harian lepas",
            "bhl",
            "kuli",
            "tukang batu",
            "kuli bangunan",
            "buruh",
            "tukang",
        ),
    ),
    "pedagang": (
        "Pedagang kecil / UMKM",
        ("pedagang", "pedagang kaki lima", "pkl", "umkm", "wiraswasta", "pedagang kecil", "penjual", "warung"),
    ),
    "pekerja_seni": ("Pekerja seni", ("pekerja seni", "seniman", "pengamen", "penari", "dalang", "musisi")),
    "pekerja_sosial": (
        "Pekerja sosial",
        ("pekerja sosial", "kader", "kader posyandu", "relawan", "tksk", "pendamping"),
    ),
    "petugas_kebersihan": (
        "Petugas kebersihan",
        ("petugas kebersihan", "petugas sampah", "penyapu jalan", "tukang sampah", "pasukan kuning"),
    ),
    "satpam_lingkungan": (
        "Satpam lingkungan",
        ("satpam", "satpam lingkungan", "satpam kompleks", "penjaga malam", "siskamling", "hansip kompleks"),
    ),
    "pemulasaran_jenazah": (
        "Pemulasaran jenazah",
        ("pemulasaran jenazah", "pemandi jenazah", "pemulasaran", "perawat jenazah"),
    ),
    "pekerja_disabilitas": ("Pekerja disabilitas", ("disabilitas", "difabel", "pekerja disabilitas")),
    "atlet": ("Atlet / official", ("atlet", "official", "pelatih")),
    OTHER: ("Lainnya", ()),
}


# Synonyms that name no trade of their own: a more specific word in the same cell wins over them.
GENERIC_WORDS = frozenset({"tukang", "buruh", "kuli"})


def occupation_patterns(extra_synonyms: dict[str, list[str]] | None = None) -> list[tuple[str, str]]:
    """(regex, code) pairs, longest synonym first so "sopir angkot" wins over "sopir".

    Words that only say someone works with their hands ("tukang", "buruh", "kuli") come last, whatever
    their length: "tukang ojek" is an ojek driver and "kuli panggul pasar" may name its trade elsewhere.
    """
    pairs = [(synonym, code) for code, (_label, synonyms) in CATALOGUE.items() for synonym in synonyms]
    for code, synonyms in (extra_synonyms or {}).items():
        pairs += [(synonym.lower().strip(), code) for synonym in synonyms if synonym.strip()]
    pairs.sort(key=lambda pair: (pair[0] in GENERIC_WORDS, -len(pair[0])))
    return [(rf"(^|[^a-z]){re.escape(synonym)}([^a-z]|$)", code) for synonym, code in pairs]


# The catalogue's labels for English readers (CATALOGUE's own labels are the Indonesian ones, the default).
# Local terms a reader in the region knows by name stay in brackets.
ENGLISH_LABELS: dict[str, str] = {
    "guru_ngaji": "Quran teacher",
    "marbot": "Mosque caretaker",
    "linmas": "Civil protection volunteer (Linmas)",
    "rt_rw": "Neighborhood officer (RT/RW)",
    "penggali_makam": "Gravedigger",
    "ojek": "Motorcycle taxi driver (ojek / online)",
    "sopir_angkot": "Minibus driver (angkot)",
    "becak": "Pedicab driver (becak)",
    "juru_parkir": "Parking attendant",
    "pemulung": "Waste picker",
    "petani": "Farmer / farm worker",
    "nelayan": "Fisher",
    "buruh_serabutan": "Casual laborer",
    "pedagang": "Small trader / micro business",
    "pekerja_seni": "Artist / performer",
    "pekerja_sosial": "Community volunteer / social worker",
    "petugas_kebersihan": "Cleaning worker",
    "satpam_lingkungan": "Neighborhood security guard",
    "pemulasaran_jenazah": "Funeral attendant",
    "pekerja_disabilitas": "Worker with a disability",
    "atlet": "Athlete / official",
    OTHER: "Other",
}


def occupation_label(code: str, language: str | None = None) -> str:
    """The catalogue's name of an occupation code in `language` (Indonesian unless English is asked for);
    a code the catalogue does not know is "Lainnya" / "Other"."""
    if code not in CATALOGUE:
        code = OTHER
    if language and language.lower().startswith("en"):
        return ENGLISH_LABELS[code]
    return CATALOGUE[code][0]


def occupation_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, label) of every occupation of the catalogue, in its order, named in `language`."""
    return [(code, occupation_label(code, language)) for code in CATALOGUE]
