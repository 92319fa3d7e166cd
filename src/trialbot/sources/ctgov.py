"""ClinicalTrials.gov API v2 study records → normalized trials."""

from __future__ import annotations

from typing import Any

from trialbot.domain.trial import Arm, Contact, Design, Intervention, Outcome, Site, Trial
from trialbot.sources.criteria_split import split_criteria
from trialbot.sources.normalize import (
    age_limit,
    age_years,
    clean,
    dedupe_contacts,
    guess_route,
    name_mentioned,
    phase_label,
    route_next_to,
    sex_of,
    status_code,
)

Record = dict[str, Any]


def _module(record: Record, name: str) -> Record:
    """One module of the protocol section ({} when absent or malformed)."""
    section = record.get("protocolSection")
    if not isinstance(section, dict):
        return {}
    value = section.get(name)
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    """The value when it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[Record]:
    """The dict members of a list value."""
    return [item for item in _list(value) if isinstance(item, dict)]


def is_study_record(data: Any) -> bool:
    """True when the object looks like one v2 study (a protocol section with an NCT id)."""
    return isinstance(data, dict) and bool(
        clean(_module(data, "identificationModule").get("nctId"))
    )


def study_records(data: Any) -> list[Record] | None:
    """The study records in a decoded JSON document (single study or search page), or None."""
    if isinstance(data, dict) and isinstance(data.get("studies"), list):
        return [item for item in data["studies"] if isinstance(item, dict)]
    if is_study_record(data):
        return [data]
    if isinstance(data, list) and data and all(is_study_record(item) for item in data):
        return list(data)
    return None


def _interventions(record: Record) -> list[Intervention]:
    """Interventions with their route guessed from their own text, then their arms' text."""
    module = _module(record, "armsInterventionsModule")
    arms = _dicts(module.get("armGroups"))
    result = []
    for item in _dicts(module.get("interventions")):
        name = clean(item.get("name"))
        if not name:
            continue
        description = clean(item.get("description")) or ""
        route = guess_route(description, name) if description else None
        if route is None:
            route = _route_from_arms(name, item, arms)
        if route is None:
            route = route_next_to(_study_text(record), name)
        result.append(Intervention(name=name, route=route, description=description))
    return result


def _route_from_arms(name: str, item: Record, arms: list[Record]) -> str | None:
    """The route an arm description gives for this intervention, when it names the drug."""
    labels = {str(label) for label in _list(item.get("armGroupLabels"))}
    for arm in arms:
        text = clean(arm.get("description")) or ""
        linked = not labels or str(arm.get("label")) in labels
        if text and linked and name_mentioned(text, name):
            route = guess_route(text, name)
            if route:
                return route
    return None


def _study_text(record: Record) -> str:
    """The study's summary and detailed description, for route mentions near a drug name."""
    module = _module(record, "descriptionModule")
    return f"{module.get('briefSummary') or ''}\n{module.get('detailedDescription') or ''}"


def _contact(item: Record) -> Contact:
    """A contact from a v2 contact object."""
    return Contact(
        name=clean(item.get("name")), phone=clean(item.get("phone")), email=clean(item.get("email"))
    )


def _sites_and_contacts(record: Record) -> tuple[list[Site], list[Contact]]:
    """Sites (facility, city, country, status) and central + site contacts, de-duplicated."""
    module = _module(record, "contactsLocationsModule")
    contacts = [_contact(c) for c in _dicts(module.get("centralContacts"))]
    sites = []
    for location in _dicts(module.get("locations")):
        sites.append(
            Site(
                name=clean(location.get("facility")),
                city=clean(location.get("city")),
                country=clean(location.get("country")),
                status=status_code(clean(location.get("status"))),
                state=clean(location.get("state")),
                postal_code=clean(location.get("zip")),
                lat=_coordinate(location.get("geoPoint"), "lat"),
                lon=_coordinate(location.get("geoPoint"), "lon"),
            )
        )
        contacts.extend(_contact(c) for c in _dicts(location.get("contacts")))
    return sites, dedupe_contacts(contacts)


def _coordinate(point: Any, key: str) -> float | None:
    """One coordinate of a v2 geoPoint ({"lat", "lon"}), or None when absent or not a number."""
    if not isinstance(point, dict):
        return None
    try:
        value = float(point[key])
    except (KeyError, TypeError, ValueError):
        return None
    return value if value == value else None  # NaN is no coordinate


def _dict(value: Any) -> Record:
    """The value when it is a dict, else an empty dict."""
    return value if isinstance(value, dict) else {}


def _design(record: Record) -> Design | None:
    """The design module's codes (study type, allocation, masking, purpose)."""
    module = _module(record, "designModule")
    info = _dict(module.get("designInfo"))
    masking = _dict(info.get("maskingInfo"))
    design = Design(
        study_type=clean(module.get("studyType")),
        allocation=clean(info.get("allocation")),
        intervention_model=clean(info.get("interventionModel")),
        primary_purpose=clean(info.get("primaryPurpose")),
        masking=clean(masking.get("masking")),
        who_masked=[w for w in (clean(x) for x in _list(masking.get("whoMasked"))) if w],
    )
    return design if any(design.model_dump().values()) else None


def _arms(record: Record) -> list[Arm]:
    """Arm groups with their type, description and intervention names."""
    module = _module(record, "armsInterventionsModule")
    arms = []
    for item in _dicts(module.get("armGroups")):
        label = clean(item.get("label"))
        if label:
            names = [n for n in (clean(x) for x in _list(item.get("interventionNames"))) if n]
            arms.append(
                Arm(
                    label=label,
                    type=clean(item.get("type")),
                    description=clean(item.get("description")) or "",
                    interventions=names,
                )
            )
    return arms


def _outcomes(record: Record) -> list[Outcome]:
    """Primary then secondary outcome measures."""
    module = _module(record, "outcomesModule")
    result = []
    for kind, key in (("primary", "primaryOutcomes"), ("secondary", "secondaryOutcomes")):
        for item in _dicts(module.get(key)):
            measure = clean(item.get("measure"))
            if measure:
                result.append(
                    Outcome(
                        kind=kind,
                        measure=measure,
                        description=clean(item.get("description")) or "",
                        time_frame=clean(item.get("timeFrame")) or "",
                    )
                )
    return result


def _mesh_terms(record: Record) -> list[str]:
    """Condition MeSH terms and their ancestors from the derived section, de-duplicated."""
    derived = record.get("derivedSection")
    browse = derived.get("conditionBrowseModule") if isinstance(derived, dict) else None
    if not isinstance(browse, dict):
        return []
    terms = [
        clean(m.get("term")) for key in ("meshes", "ancestors") for m in _dicts(browse.get(key))
    ]
    return list(dict.fromkeys(t for t in terms if t))


def _enrollment(record: Record) -> int | None:
    """Planned or actual enrollment count."""
    info = _module(record, "designModule").get("enrollmentInfo")
    count = info.get("count") if isinstance(info, dict) else None
    try:
        return int(count) if count not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _date(struct: Any) -> str | None:
    """The date of a v2 date struct."""
    return clean(struct.get("date")) if isinstance(struct, dict) else None


def trial_from_study(record: Record) -> Trial:
    """One v2 study record → a normalized Trial (raises ValueError without an NCT id)."""
    ident = _module(record, "identificationModule")
    nct_id = clean(ident.get("nctId"))
    if not nct_id:
        raise ValueError("the study has no protocolSection.identificationModule.nctId")
    status = _module(record, "statusModule")
    description = _module(record, "descriptionModule")
    eligibility = _module(record, "eligibilityModule")
    sponsor = _module(record, "sponsorCollaboratorsModule").get("leadSponsor")
    org_study = ident.get("orgStudyIdInfo")
    sites, contacts = _sites_and_contacts(record)
    official = clean(ident.get("officialTitle"))
    return Trial(
        id=nct_id.upper(),
        registry="ctgov",
        title=clean(ident.get("briefTitle")) or official or nct_id,
        summary=str(description.get("briefSummary") or "").strip(),
        conditions=[c for c in (clean(x) for x in _list(_conditions(record))) if c],
        interventions=_interventions(record),
        phase=phase_label(_list(_module(record, "designModule").get("phases"))),
        status=status_code(clean(status.get("overallStatus"))),
        min_age_years=age_years(clean(eligibility.get("minimumAge"))),
        max_age_years=age_years(clean(eligibility.get("maximumAge"))),
        min_age=age_limit(clean(eligibility.get("minimumAge"))),
        max_age=age_limit(clean(eligibility.get("maximumAge"))),
        sex=sex_of(clean(eligibility.get("sex"))),
        sites=sites,
        contacts=contacts,
        criteria=split_criteria(str(eligibility.get("eligibilityCriteria") or "")),
        official_title=official,
        description=str(description.get("detailedDescription") or "").strip(),
        protocol_code=clean(org_study.get("id")) if isinstance(org_study, dict) else None,
        sponsor=clean(sponsor.get("name")) if isinstance(sponsor, dict) else None,
        enrollment=_enrollment(record),
        start_date=_date(status.get("startDateStruct")),
        end_date=_date(status.get("completionDateStruct")),
        why_stopped=clean(status.get("whyStopped")),
        design=_design(record),
        arms=_arms(record),
        outcomes=_outcomes(record),
        keywords=[
            k
            for k in (clean(x) for x in _list(_module(record, "conditionsModule").get("keywords")))
            if k
        ],
        mesh_terms=_mesh_terms(record),
        collaborators=[
            name
            for name in (
                clean(c.get("name"))
                for c in _dicts(_module(record, "sponsorCollaboratorsModule").get("collaborators"))
            )
            if name
        ],
    )


def _conditions(record: Record) -> list[Any]:
    """The listed conditions."""
    return _list(_module(record, "conditionsModule").get("conditions"))
