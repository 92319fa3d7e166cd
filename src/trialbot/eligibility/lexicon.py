"""Word patterns that name conditions, events and study-team items in criteria."""

from __future__ import annotations

import re

from trialbot.eligibility.anchors import Lexicon


def _compile(rows: list[tuple[str, str]], *, word_start: bool = False) -> Lexicon:
    """Compile (texts are lowercased); `word_start` anchors every word at a word start, which
    makes the long study-team patterns about ten times faster. Rows whose literal words do not
    occur in a text are skipped without a regex search."""
    prefix = r"\b(?:" if word_start else "(?:"
    return Lexicon([(concept, re.compile(prefix + pattern + ")")) for concept, pattern in rows])


# Yes/no health facts: the patient has it (adverse: normally a reason to exclude).
CONDITIONS = _compile(
    [
        ("heart_failure", r"heart failure|\bchf\b|nyha|cardiac failure|new york heart association"),
        (
            "heart_rhythm_problem",
            r"arrhythmi|long qt|qt prolongation|prolonged qt|atrial fibrillation|"
            r"conduction (?:abnormalit|disorder|defect)|heart block|torsade|bradycardia|"
            r"tachycardia|"
            r"ventricular (?:fibrillation|arrhythmia)|pacemaker|av block",
        ),
        (
            "heart_disease",
            r"cardiovascular disease|cardiac disease|heart disease|angina|cardiomyopath|"
            r"coronary (?:artery )?(?:disease|bypass)|myocarditis|valvular|cardiac (?:condition|"
            r"event|"
            r"dysfunction|abnormalit|disorder)|heart (?:condition|problem)|"
            r"cardiovascular (?:condition|"
            r"disorder|event|risk)|peripheral (?:arterial|vascular) disease|aneurysm",
        ),
        ("high_blood_pressure", r"hypertension|high blood pressure"),
        ("hepatitis_b", r"hepatitis b|\bhbv\b|hbsag|\bhep b\b|hbcab|hepatitis b surface"),
        ("hepatitis_c", r"hepatitis (?:b )?(?:or |and |/|, )c\b|hepatitis c|\bhcv\b|\bhep c\b"),
        ("hiv", r"\bhiv\b|human immunodeficiency virus|\baids\b"),
        # TB now ("active tuberculosis") is its own question: "ever had TB?" takes in a TB
        # treated and over long ago. "History of active TB" stays a question of the past.
        (
            "active_tuberculosis",
            r"(?<!history of )(?<!prior )(?<!previous )(?<!past )active (?:pulmonary )?"
            r"(?:tuberculosis|tb\b)|(?:current|ongoing) (?:\w+ )?(?:tuberculosis|tb\b)|"
            # "Active infection including tuberculosis": "active" reaches the listed TB
            r"(?<!history of )(?<!prior )(?<!previous )(?<!past )(?:active|current|ongoing) "
            r"infections?,? \(?(?:including|such as|e\.g\.,?|like)(?:,? but not limited to)?:? "
            r"(?:[\w-]+,? ){0,3}?(?:tuberculosis|tb\b)",
        ),
        ("tuberculosis", r"tuberculosis|\btb\b"),
        (
            "active_infection",
            # Not an infection the criterion names ("active tuberculosis infection", "active
            # infection with HIV"): any infection needing medicine is a broader question.
            r"(?:active|uncontrolled|serious|severe|ongoing|systemic|significant|"
            r"concurrent|current) (?:(?!tuberculosis|tb\b|hiv\b|hepatitis|hbv|hcv)\w+ )?"
            r"infection(?! with (?:hiv|human immunodeficiency|hepatitis|hbv|hcv|tuberculosis|"
            r"tb\b))|"
            r"(?<!tuberculosis )(?<!tb )(?<!hiv )infection requiring|(?:bacterial|fungal|"
            r"viral) "
            r"infection|sepsis|infections? (?:that|which) requir|"
            r"(?:active|uncontrolled|serious|severe|ongoing|current) infectious "
            r"(?:diseases?|illness)",
        ),
        (
            "brain_metastases",
            r"brain metasta|cns metasta|"
            r"(?<!non-malignant )(?<!nonmalignant )central nervous system (?:\(cns\) )?"
            r"(?:metasta|involvement|disease|lymphoma)|brain lesion|"
            r"intracranial (?:metasta|lesion|disease|tumou?r)|"
            r"metasta\w* (?:to|in) the brain|"
            r"(?<!non-malignant )(?<!nonmalignant )cns (?:involvement|disease)|"
            # (spinal cord compression is no term: mostly a bone metastasis pressing on the cord)
            r"cns (?:leuka?emia|relapse)|"
            # "Brain or leptomeningeal metastases": spread to the brain, named beside the lining
            r"(?:brain|cns|central nervous system)(?: metastases)?"
            r"(?: or | and | and/or |, |/)leptomening",
        ),
        # Spread to the lining of the brain and spinal cord is not spread into the brain: a
        # patient with treated brain metastases may have none (asked only after a yes to
        # brain_metastases, whose question takes the lining in).
        (
            "leptomeningeal_disease",
            r"leptomening|meningeal|"
            r"(?:carcinomatous|neoplastic|lymphomatous|leuka?emic|cancerous) meningitis",
        ),
        (
            "immunosuppressive_medicine",
            r"corticosteroid|steroids?\b|prednison|dexamethason|"
            r"immunosuppress|immune[- ]suppress",
        ),
        (
            "autoimmune_disease",
            r"auto-?immun|lupus|rheumatoid|crohn|ulcerative colitis|inflammatory "
            r"bowel|psoriasis|multiple sclerosis|myasthenia|sarcoidosis|vasculitis|hashimoto|"
            r"graves",
        ),
        # A blood thinner taken now ("receiving therapeutic anticoagulation with warfarin",
        # "requires anticoagulation"); not a lab limit's exception ("unless receiving
        # anticoagulant therapy", "in the absence of therapeutic anticoagulation").
        (
            "anticoagulant_use",
            r"(?<!if )(?<!unless )(?<!not )(?:receiv\w*|requir\w*|on|tak\w*|use of|using|"
            r"treated with|treatment with|current(?:ly)?|ongoing|concomitant|chronic|need for|"
            r"needs?) (?:[\w-]+ ){0,3}?(?:anti-?coagula\w*|warfarin|vitamin k antagonists?|"
            r"coumarin\w*|coumadin|blood thinn\w*)|"
            # "Therapeutic anticoagulation within 2 weeks": full-dose blood thinning
            r"(?<!if )(?<!unless )(?<!not )(?<!of )(?<!on )(?<!receiving )"
            r"therapeutic(?:[- ]dose)? anti-?coagula\w*",
        ),
        # a problem of the retina ("history of retinal vein occlusion (RVO), retinal detachment,
        # ... neovascular retinopathy", "retinal pathology"): an eye doctor's finding a patient
        # is told of (MEK inhibitors are stopped for it)
        (
            "retinal_disease",
            r"retinal (?:vein |artery )?occlusion|\brvo\b|retinal detachment|detached retina|"
            r"retinopath\w*|chorioretinopath\w*|retinal (?:disease|disorder|patholog\w*|"
            r"degeneration|abnormalit\w*|dystroph\w*)",
        ),
        ("organ_transplant", r"transplant|allogeneic|\bhsct\b|\bsct\b"),
        # Where the cancer has spread, as the patient is told: to the bones, to the lining of the
        # belly. Not a reason for a treatment ("radiation therapy for bone metastasis", "lesions
        # (e.g., bone metastases)"), which the misreadings and the treatment readings keep.
        (
            "bone_metastases",
            r"(?<!for )(?<!to )(?<!in )(?<!e\.g\., )(?<!e\.g\. )(?<!such as )(?<!new )"
            r"(?<!sites of )"
            r"(?:bone|osseous|skeletal) metasta|metasta\w* (?:to|in) (?:the )?bones?\b(?! marrow)|"
            r"\bbone(?= (?:or|and|and/or) peritoneal metasta)",
        ),
        (
            "peritoneal_metastases",
            r"(?<!for )(?<!to )(?<!e\.g\., )(?<!e\.g\. )(?<!such as )(?<!non-)(?<!non)(?<!extra-)"
            r"peritoneal (?:metasta|carcinomatosis|spread|disease)|"
            r"metasta\w* (?:to|in) the peritoneum|"
            r"\bperitoneal(?= (?:or|and|and/or) bone metasta)",
        ),
        # An inherited risk the patient is told of (hereditary non-polyposis colorectal cancer)
        ("lynch_syndrome", r"lynch syndrome|\bhnpcc\b|hereditary non-?polyposis"),
        # Lung scarring or pneumonitis is its own question: a "yes" to any serious lung problem
        # (asthma, COPD) says nothing of it.
        (
            "interstitial_lung_disease",
            r"interstitial lung|interstitial pneumon|pneumonitis|pulmonary fibrosis|"
            r"lung fibrosis|\bild\b|organi[sz]ing pneumonia",
        ),
        (
            "lung_disease",
            r"(?<!interstitial )lung disease|"
            r"\bcopd\b|pulmonary disease|respiratory (?:disease|failure|insufficiency)|"
            r"emphysema|asthma|"
            r"pulmonary (?:hypertension|embolism)? ?(?:dysfunction|function|compromise|condition)|"
            r"oxygen",
        ),
        ("peripheral_neuropathy", r"neuropath"),
        ("seizures", r"seizure|epilep|convuls"),
        (
            "mental_health_condition",
            r"psychiatric|mental (?:illness|health|disorder|condition|status)|"
            r"dementia|cognitive|depress|psychos|schizophren|bipolar|suicid|psychological|"
            r"ideation|homicid|violent behavio",
        ),
        (
            "substance_use",
            r"alcohol|drug abuse|substance (?:use|abuse|misuse|dependen)|substances? of abuse|"
            r"controlled substance|addiction|illicit|drug dependen|"
            r"recreational drug",
        ),
        (
            "kidney_disease",
            r"dialysis|renal failure|kidney disease|renal disease|renal insufficien|"
            r"nephrotic|nephritis|kidney failure",
        ),
        (
            "liver_disease",
            r"cirrhosis|liver disease|hepatic disease|hepatic impairment|child[- ]pugh|"
            r"liver failure|hepatic failure|portal hypertension|hepatic encephalopathy|"
            r"varice(?:s|al)\b|"
            r"non-?infectious hepatitis|autoimmune hepatitis|alcoholic hepatitis",
        ),
        ("diabetes", r"diabet"),  # an HbA1c limit is a lab value (rules/labs.yaml)
        # "Do you have a stomach or bowel problem that makes it hard to take or absorb pills?":
        # an ulcer (peptic, corneal, skin, "non-healing wound or ulcer") says nothing about
        # swallowing or absorbing pills, so "ulcer" is no term of it (rules/misreadings.yaml
        # sends "gastrointestinal ulcer" to the study team).
        (
            "digestive_problem",
            r"malabsorption|gastrointestinal|\bgi\b|bowel obstruction|dysphagia|"
            r"short bowel|perforation|fistula|absorption|bowel|intestin|gastric|"
            r"diarrh|tube feed|feeding tube|parenteral nutrition",
        ),
        ("fluid_buildup", r"effusion|ascites"),
        (
            "bleeding_disorder",
            r"diathes|bleeding (?:disorder|condition|tendenc)|coagulopath|hemophilia|"
            r"haemophilia|von willebrand|risk of (?:bleeding|hemorrhage|haemorrhage)|"
            r"clotting disorder|predisposition (?:to|for) (?:bleed|hemorrhag|haemorrhag)",
        ),
        ("smoker", r"smok|tobacco|cigarette|nicotine"),
        # A court-ordered protection of an adult ("under guardianship or curatorship", French
        # "tutelle/curatelle"); never a parent or "legal guardian" signing a child's consent.
        (
            "legal_protection",
            r"guardianship|curatorship|tutorship|court protection|legal protection measure|"
            r"subject to (?:a )?legal protection|under legal protection|judicial safeguard|"
            r"safeguard of justice|tutelle|curatelle",
        ),
    ]
)

# Dated events: fact, words. A time window nearby makes it "within N days", else "ever".
EVENTS = _compile(
    [
        (  # "chemoembolization" is a procedure; TTP and thrombotic microangiopathy no clot
            "last_blood_clot",
            r"thrombo(?!cyt|tic (?:thrombocytopeni|microangiopath))|embol(?!i[sz](?:ation|ed?\b))|"
            r"blood clot|\bdvt\b|\bpe\b|clotting event",
        ),
        (
            "last_stroke",
            r"stroke|cerebrovascular|\bcva\b|transient isch|\btia\b|cerebral (?:vascular|"
            r"infarct|ischemi)",
        ),
        ("last_heart_attack", r"myocardial infarction|heart attack|\bmi\b|acute coronary"),
        # an infection treated through a drip ("infection requiring intravenous antibiotics
        # within 2 weeks"); read only with a window (disease.read_events)
        (
            "last_iv_antibiotics",
            r"(?:intravenous|\biv\b|i\.v\.)(?: \(iv\))? (?:antibiotic|antimicrobial|"
            r"anti-?infective|antibacterial)|(?:antibiotic|antimicrobial)s? (?:given )?"
            r"(?:intravenously|i\.?v\.?\b)",
        ),
        # a red cell transfusion ("red blood cell transfusion within 14 days"); a transfusion
        # only qualifying a lab limit ("hemoglobin >= 9 without transfusion") is the lab's
        (
            "last_transfusion",
            r"(?:red (?:blood )?cells?|\brbcs?\b|\bprbcs?\b|packed (?:red )?cells?|blood|"
            r"erythrocyte) transfusions?|transfusions? of (?:packed )?(?:red|erythrocyte|rbc)",
        ),
        (
            "last_serious_bleeding",
            r"(?:bleed\w*|hemorrhag\w*|haemorrhag\w*|hemoptysis|haemoptysis)"
            r"(?! disorder| diathes| condition| tendenc| risk)",
        ),
        (
            "last_major_surgery",
            r"major (?:surgery|surgical|operation)|surgical procedure|"
            r"surgery\b(?=.{0,60}\b(?:within|days?|weeks?|months?)\b)",
        ),
        (
            "last_radiotherapy",
            r"radiotherapy|radiation|irradiat|\brt\b|sbrt|radiosurgery|"
            r"stereotactic|brachytherapy|radioligand|radionuclide",
        ),
        (
            "last_live_vaccine",
            # "a live (active) vaccine": what makes it live said in brackets
            r"live (?:\w+ |\((?:active|attenuated|replicating)\) )?(?:attenuated )?vaccin|"
            r"attenuated vaccin",
        ),
        ("last_vaccine", r"vaccin|immuniz"),
    ]
)

# Things only the study team can judge: concept, words.
REVIEWS = _compile(
    [
        ("informed_consent", r"consent|assent"),
        (
            "protocol_criteria",
            r"other (?:\w+ )?(?:inclusion|exclusion|eligibility)(?: and exclusion)? criteria|"
            r"criteria (?:as )?(?:defined|detailed|described|listed|specified) in the (?:study )?"
            r"protocol|is a summary|cohort|sub-?study|co-?enrol|protocol \d|study \d{4}",
        ),
        (
            "investigator_judgement",
            r"investigator|in the (?:opinion|judge?ment)|physician|judge?ment|"
            r"judged|deemed|considered|opinion",
        ),
        (
            "organ_function",
            r"organ function|marrow function|(?:hematologic|haematologic|renal|hepatic|"
            r"liver|kidney|bone marrow|end-organ|cardiac|pulmonary) function|hemoglobin|"
            r"haemoglobin|"
            # not a medicine ("antiplatelet agents", "platelet inhibitors")
            r"(?<!anti)(?<!anti-)platelet(?!s? (?:aggregation )?inhibitors?)|"
            r"neutrophil|\banc\b|white blood cell|\bwbc\b|creatinine|bilirubin|\bast\b|"
            r"\balt\b|"
            r"transaminase|albumin|\binr\b|aptt|\bptt?\b|\begfr\b(?=[^.;]{0,25}ml)|\bgfr\b|lymphocyte|potassium|"
            r"magnesium|"
            r"calcium|glucose|amylase|lipase|\btsh\b|\buln\b|upper limit of normal|"
            # laboratory tests listed among study procedures to comply with ("scheduled visits,
            # treatment plan, laboratory tests, and other study procedures") set no lab limit
            r"(?<!plan, )(?<!plans, )(?<!visits, )(?<!treatment, )(?<!specified )(?<!imaging and )"
            r"(?<!clinical and )"
            r"laborator|"
            r"lab values|"
            r"\blabs\b|blood counts?|hematocrit|leukocyte|\burine protein|proteinuria|glomerul|"
            r"filtration rate|anemi|anaemi|cytopeni|aplasia|hemato(?!poie)|coagulation|"
            r"electrolyte|sodium|phosphate|cortisol|testosterone|troponin|\bbnp\b|d-dimer|lipid|"
            r"cholesterol|triglycer|ferritin|\bldh\b|alkaline phosphatase|\balp\b|clearance|"
            r"oxygen saturation|o2 saturation|saturation|spo2|\bfev1\b|\bdlco\b|pulmonary function",
        ),
        (
            "life_expectancy",
            r"life expectancy|expected survival|survival (?:expectancy|of at least)|"
            r"expected to (?:live|survive)|estimated survival|prognosis of",
        ),
        (
            "tumor_biomarker",
            r"her2|her-2|\ber\+|\ber-positive|estrogen receptor|oestrogen|"
            r"progesterone receptor|\bpr\+|hormone receptor|\begfr\b|\balk\b|\bros1\b|\bkras\b|"
            r"\bbraf\b|"
            r"\bnras\b|\bbrca|\bmsi\b|msi-h|dmmr|pmmr|mismatch repair|pd-l1|\btmb\b|mutation|"
            r"amplif|"
            r"fusion|rearrang|\bihc\b|\bfish\b|\bngs\b|\bcd\d+|psma|flt3|\bidh|npm1|translocation|"
            r"deletion|biomarker|genomic|molecular|somatic|germline|\bgene\b|positive|negative|"
            r"express|\bhpv\b|\bebv\b|p16|\bmet\b|\bret\b|\bntrk|claudin|trop-?2|fgfr|pik3ca|"
            r"\besr1|"
            r"\bar\b|androgen receptor|ki-?67|grade [1-3]|\bwho grade|subtype|\bpsa\b|cea\b|"
            r"ca-?125|"
            r"\bafp\b|marker|karyotype|cytogenetic|\btp53|\bbcr|philadelphia|\bjak2",
        ),
        (
            "disease_stage",
            r"\bstage\b|\btnm\b|\bt[0-4][a-d]?\b|\bn[0-3]\b|\bm[01]\b|ann arbor|figo|"
            r"bclc|locally advanced|metastatic|unresectable|advanced|inoperable|resectable|"
            r"limited-stage|extensive-stage|oligometasta|metastas[ie]s|lymph node|nodal|"
            r"localized|early[- ]stage|recurren|bulky|tumou?r size|\bcm\b|\bmm\b|lesion|"
            r"primary tumou?r|"
            r"residual disease|minimal residual|\bmrd\b|burden|multifocal|invasive|in situ|site of",
        ),
        (
            "disease_risk_group",
            r"high[- ]risk|intermediate[- ]risk|low[- ]risk|risk group|\bipi\b|"
            r"risk score|risk categor|risk stratif|gleason|oncotype|recurrence score|isup",
        ),
        (
            "treatment_candidate",
            r"fit (?:to|for)|unfit|eligible for|ineligible for|candidate|"
            r"suitable for|amenable|appropriate for|indicated|recommended|scheduled|planned|"
            r"plan to|"
            r"planning to|will (?:undergo|receive)|undergoing|about to|referred|intend|decline|"
            r"refus|"
            r"standard of care|standard therapy|treatment option",
        ),
        ("tissue_sample", r"tissue|specimen|archival|\bblocks?\b|biopsy|sample|slides"),
        (
            "diagnosis",
            r"diagnos|carcinoma|cancer|tumou?r|lymphoma|leukemi|leukaemi|myeloma|sarcoma|"
            r"melanoma|glioma|glioblastoma|neoplasm|malignan|blastoma|mesothelioma|adenoma|"
            r"neoplasia|"
            r"\bmds\b|myelodysplastic|\baml\b|\ball\b|\bcll\b|\bcml\b|nhl|hodgkin|disease|histolog|"
            r"patholog|cytolog|condition|disorder|syndrome|patients? with",
        ),
        (
            "prior_treatment_lines",
            r"lines? of|prior (?:regimen|therap|treatment|systemic)|"
            r"previous(?:ly)? (?:treat|therap|regimen)|refractory|relapsed|resistant|intoleran|"
            r"failed|failure|progressed (?:on|after|during|following)|pretreated|pre-treated|"
            r"treatment[- ]naive|therapy[- ]naive|untreated|chemotherapy|chemo|systemic therap|"
            r"adjuvant|neoadjuvant|hormon|endocrine|immunotherap|targeted therap|first[- ]line|"
            r"second[- ]line|induction|consolidation|maintenance|regimen|treated with|received",
        ),
        (
            "drug_interactions",
            r"cyp\d|p-gp|p-glycoprotein|inhibitors? of|inducers? of|"
            r"strong (?:inhibitor|inducer)|interact|qt[- ]prolonging|medications? that|"
            r"concomitant (?:medication|use|treatment)|"
            r"alternative medicine|complementary|prohibited (?:medication|drug)|warfarin|"
            r"anticoagul|antiplatelet|aspirin|heparin|herbal|supplement|medications?\b|drugs?\b",
        ),
        ("bmi", r"\bbmi\b|body mass index|obes"),
        ("understands_language", r"english|language|speak|read and|literate|understand"),
        (
            "residence",
            r"prisoner|incarcerat|custody|resid|live in|living in|geographic|travel|distance|"
            r"citizen|insurance|"
            r"access to",
        ),
        ("healthy_volunteer", r"healthy|volunteer"),
        ("allergy", r"allerg|hypersensitiv|anaphyla|intolerance"),
        (
            "imaging_requirement",
            r"\bmri\b|\bct\b|\bpet\b|scan|imaging|contraindication|"
            r"claustrophob|metal|implant|ecg|echocardiogram|electrocardiogram",
        ),
        (
            "other_health_condition",
            r"hearing|ophthalm|\beye\b|retina|vision|visual|wound|fracture|"
            r"bone|skin|thyroid|adrenal|pituitar|endocrin|pancrea|neurolog|dementia|pain|weight|"
            r"toxicit|adverse event|side effect|illness|medical|health|comorbid|surgery|surgical|"
            r"operation|procedure|resection|access",
        ),
    ],
    word_start=True,
)

META = re.compile(
    r"(?:do(?:es)? not|did not|fail(?:s|ed)? to|not) (?:meet|fulfil+|satisfy) (?:all |any of )?"
    r"(?:the |of the )?(?:above |listed )?(?:requirements|inclusion criteria|"
    r"criteria for inclusion|"
    r"eligibility)|not meeting (?:the |all )?(?:inclusion|eligibility)",
)
