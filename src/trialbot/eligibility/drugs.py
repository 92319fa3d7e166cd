"""Drug lexicon: named drugs, their other names, and the drug classes they belong to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Drug:
    """A named drug with the words that name it in criteria."""

    slug: str
    name: str
    synonyms: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DrugClass:
    """A drug class, the words that name it, and its members (drug slugs)."""

    slug: str
    name: str
    patterns: tuple[str, ...]
    members: tuple[str, ...] = field(default_factory=tuple)


# slug | display name | other names (comma) | classes (comma)
_DRUG_ROWS = """
mifamurtide|mifamurtide|mepact,mtp-pe|
apatinib|apatinib|rivoceranib|vegfr_tki
anlotinib|anlotinib||vegfr_tki
sorafenib|sorafenib|nexavar|vegfr_tki
sunitinib|sunitinib|sutent|vegfr_tki
pazopanib|pazopanib||vegfr_tki
regorafenib|regorafenib||vegfr_tki
lenvatinib|lenvatinib||vegfr_tki
cabozantinib|cabozantinib||vegfr_tki
axitinib|axitinib||vegfr_tki
fruquintinib|fruquintinib||vegfr_tki
irinotecan|irinotecan|camptosar,onivyde,cpt-11|topoisomerase_inhibitor
topotecan|topotecan||topoisomerase_inhibitor
etoposide|etoposide|vp-16|topoisomerase_inhibitor
trastuzumab_deruxtecan|trastuzumab deruxtecan|t-dxd,enhertu,ds-8201|topoisomerase_inhibitor,
    antibody_drug_conjugate,anti_her2
sacituzumab_govitecan|sacituzumab govitecan|trodelvy|topoisomerase_inhibitor,antibody_drug_conjugate
doxorubicin|doxorubicin|adriamycin|anthracycline
epirubicin|epirubicin||anthracycline
daunorubicin|daunorubicin||anthracycline
idarubicin|idarubicin||anthracycline
cisplatin|cisplatin||platinum
carboplatin|carboplatin||platinum
oxaliplatin|oxaliplatin||platinum
paclitaxel|paclitaxel|taxol,nab-paclitaxel,abraxane|taxane
docetaxel|docetaxel|taxotere|taxane
cabazitaxel|cabazitaxel||taxane
pembrolizumab|pembrolizumab|keytruda|checkpoint_inhibitor
nivolumab|nivolumab|opdivo|checkpoint_inhibitor
atezolizumab|atezolizumab|tecentriq|checkpoint_inhibitor
durvalumab|durvalumab|imfinzi|checkpoint_inhibitor
avelumab|avelumab||checkpoint_inhibitor
cemiplimab|cemiplimab||checkpoint_inhibitor
dostarlimab|dostarlimab||checkpoint_inhibitor
tislelizumab|tislelizumab||checkpoint_inhibitor
toripalimab|toripalimab||checkpoint_inhibitor
sintilimab|sintilimab||checkpoint_inhibitor
camrelizumab|camrelizumab||checkpoint_inhibitor
ipilimumab|ipilimumab|yervoy|checkpoint_inhibitor
tremelimumab|tremelimumab||checkpoint_inhibitor
palbociclib|palbociclib|ibrance|cdk46_inhibitor
ribociclib|ribociclib|kisqali|cdk46_inhibitor
abemaciclib|abemaciclib|verzenio|cdk46_inhibitor
olaparib|olaparib|lynparza|parp_inhibitor
niraparib|niraparib|zejula|parp_inhibitor
rucaparib|rucaparib||parp_inhibitor
talazoparib|talazoparib||parp_inhibitor
erlotinib|erlotinib||egfr_inhibitor
gefitinib|gefitinib||egfr_inhibitor
afatinib|afatinib||egfr_inhibitor
osimertinib|osimertinib|tagrisso|egfr_inhibitor
cetuximab|cetuximab|erbitux|egfr_inhibitor
panitumumab|panitumumab||egfr_inhibitor
crizotinib|crizotinib||alk_inhibitor
alectinib|alectinib||alk_inhibitor
lorlatinib|lorlatinib||alk_inhibitor
brigatinib|brigatinib||alk_inhibitor
vemurafenib|vemurafenib||braf_inhibitor
dabrafenib|dabrafenib||braf_inhibitor
encorafenib|encorafenib||braf_inhibitor
trametinib|trametinib||mek_inhibitor
cobimetinib|cobimetinib||mek_inhibitor
binimetinib|binimetinib||mek_inhibitor
ibrutinib|ibrutinib||btk_inhibitor
acalabrutinib|acalabrutinib||btk_inhibitor
zanubrutinib|zanubrutinib||btk_inhibitor
venetoclax|venetoclax||
trastuzumab|trastuzumab|herceptin|anti_her2
pertuzumab|pertuzumab||anti_her2
trastuzumab_emtansine|trastuzumab emtansine|t-dm1,kadcyla|anti_her2,antibody_drug_conjugate
bevacizumab|bevacizumab|avastin|anti_vegf
ramucirumab|ramucirumab||anti_vegf
everolimus|everolimus||mtor_inhibitor
temsirolimus|temsirolimus||mtor_inhibitor
azacitidine|azacitidine||hypomethylating_agent
decitabine|decitabine||hypomethylating_agent
sotorasib|sotorasib||kras_inhibitor
adagrasib|adagrasib||kras_inhibitor
letrozole|letrozole||aromatase_inhibitor
anastrozole|anastrozole||aromatase_inhibitor
exemestane|exemestane||aromatase_inhibitor
fulvestrant|fulvestrant||
tamoxifen|tamoxifen||
enzalutamide|enzalutamide||antiandrogen
apalutamide|apalutamide||antiandrogen
darolutamide|darolutamide||antiandrogen
abiraterone|abiraterone||antiandrogen
bortezomib|bortezomib||proteasome_inhibitor
carfilzomib|carfilzomib||proteasome_inhibitor
ixazomib|ixazomib||proteasome_inhibitor
lenalidomide|lenalidomide|revlimid|immunomodulatory_drug
pomalidomide|pomalidomide||immunomodulatory_drug
thalidomide|thalidomide||immunomodulatory_drug
rituximab|rituximab||anti_cd20
obinutuzumab|obinutuzumab||anti_cd20
daratumumab|daratumumab||anti_cd38
isatuximab|isatuximab||anti_cd38
blinatumomab|blinatumomab||
fluorouracil|fluorouracil|5-fu,5-fluorouracil|fluoropyrimidine
capecitabine|capecitabine|xeloda|fluoropyrimidine
gemcitabine|gemcitabine||
temozolomide|temozolomide||
methotrexate|methotrexate||
cyclophosphamide|cyclophosphamide||
ifosfamide|ifosfamide||
bleomycin|bleomycin||
vincristine|vincristine||
dinutuximab|dinutuximab||
bendamustine|bendamustine||
pemetrexed|pemetrexed||
eribulin|eribulin||
trabectedin|trabectedin||
imatinib|imatinib|gleevec|
dasatinib|dasatinib||
radium_223|radium-223|xofigo|
lutetium_177|lutetium-177|lu-177,lutathera,pluvicto|
"""

# slug | display name | patterns (regex, ';'-separated)
_CLASS_ROWS = r"""
topoisomerase_inhibitor|topoisomerase inhibitors|topoisomerase;camptothecin
vegfr_tki|VEGF-blocking pills (VEGFR TKIs)|vegfr[- ]?(?:2 )?(?:tyrosine kinase inhibitor|tki);
    anti-?angiogenic (?:tki|tyrosine)
anthracycline|anthracyclines|anthracycline
platinum|platinum chemotherapy|platinum
taxane|taxanes|taxane
checkpoint_inhibitor|immune checkpoint inhibitors|checkpoint inhibitor;anti-?pd-?(?:l)?-?1;
    pd-?(?:l)?1 inhibitor;anti-?ctla-?4;pd-1/pd-l1;immune checkpoint
cdk46_inhibitor|CDK4/6 inhibitors|cdk ?4/6
parp_inhibitor|PARP inhibitors|parp inhibitor;parpi
egfr_inhibitor|EGFR inhibitors|egfr[- ](?:tki|tyrosine kinase inhibitor|inhibitor);anti-?egfr
alk_inhibitor|ALK inhibitors|alk (?:tki|inhibitor)
braf_inhibitor|BRAF inhibitors|braf inhibitor
mek_inhibitor|MEK inhibitors|mek inhibitor
btk_inhibitor|BTK inhibitors|btk inhibitor
anti_her2|HER2-targeted medicines|anti-?her2;her2-?(?:targeted|directed)
anti_vegf|VEGF-blocking antibodies|anti-?vegf(?!r)
mtor_inhibitor|mTOR inhibitors|mtor inhibitor
hypomethylating_agent|hypomethylating agents|hypomethylating agent
kras_inhibitor|KRAS G12C inhibitors|kras(?: g12c)? inhibitor
aromatase_inhibitor|aromatase inhibitors|aromatase inhibitor
antiandrogen|androgen receptor inhibitors|androgen receptor inhibitor;
    androgen receptor antagonist;androgen receptor pathway inhibitor;
    arpi;antiandrogen
proteasome_inhibitor|proteasome inhibitors|proteasome inhibitor
immunomodulatory_drug|immunomodulatory drugs (IMiDs)|immunomodulatory (?:drug|agent);imid
anti_cd20|anti-CD20 antibodies|anti-?cd20
anti_cd38|anti-CD38 antibodies|anti-?cd38
fluoropyrimidine|fluoropyrimidines|fluoropyrimidine
antibody_drug_conjugate|antibody-drug conjugates (ADCs)|antibody[- ]drug conjugate;\badcs?\b
car_t|CAR T-cell therapy|car[- ]?t\b;chimeric antigen receptor
"""


def _parse_drugs() -> dict[str, Drug]:
    drugs: dict[str, Drug] = {}
    for row in re.sub(r",\n\s+", ",", _DRUG_ROWS).strip().splitlines():
        slug, name, synonyms, classes = row.split("|")
        drugs[slug] = Drug(
            slug=slug,
            name=name,
            synonyms=tuple(s for s in synonyms.split(",") if s),
            classes=tuple(c for c in classes.split(",") if c),
        )
    return drugs


DRUGS: dict[str, Drug] = _parse_drugs()


def _parse_classes() -> dict[str, DrugClass]:
    classes: dict[str, DrugClass] = {}
    for row in re.sub(r";\n\s+", ";", _CLASS_ROWS).strip().splitlines():
        slug, name, joined = row.split("|", 2)
        patterns = joined.split(";")
        members = tuple(d.slug for d in DRUGS.values() if slug in d.classes)
        classes[slug] = DrugClass(slug=slug, name=name, patterns=tuple(patterns), members=members)
    return classes


DRUG_CLASSES: dict[str, DrugClass] = _parse_classes()


def class_examples(slug: str, limit: int = 3) -> str:
    """A short "a, b or c" list of a class's members, for questions."""
    names = [DRUGS[m].name for m in DRUG_CLASSES[slug].members[:limit]]
    if not names:
        return DRUG_CLASSES[slug].name
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


_DRUG_WORDS: dict[str, str] = {
    w.lower(): d.slug for d in DRUGS.values() for w in (d.name, *d.synonyms)
}
_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9]")
_CLASS_RES = {
    slug: re.compile("|".join(f"(?:{p})" for p in c.patterns)) for slug, c in DRUG_CLASSES.items()
}


def find_drugs(text: str) -> list[tuple[int, str]]:
    """Named drugs in the (lowercase) text as (position, slug), in order, each slug once."""
    found: dict[str, int] = {}
    tokens = list(_TOKEN.finditer(text.lower()))
    for index, token in enumerate(tokens):
        word = token.group(0)
        pair = f"{word} {tokens[index + 1].group(0)}" if index + 1 < len(tokens) else ""
        for candidate in (pair, word, word.split("-")[-1]):
            slug = _DRUG_WORDS.get(candidate)
            if slug is not None:
                found.setdefault(slug, token.start())
                break
    return sorted((pos, slug) for slug, pos in found.items())


def find_classes(text: str) -> list[tuple[int, str]]:
    """Drug classes named in the text as (position, slug), in order."""
    found = []
    for slug, pattern in _CLASS_RES.items():
        match = pattern.search(text.lower())
        if match:
            found.append((match.start(), slug))
    return sorted(found)
