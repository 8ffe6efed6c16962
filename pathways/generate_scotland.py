#!/usr/bin/env python3
"""Writes pathways/scotland.json: Scotland's perinatal and infant mental health
services as a carepath pathway.

Run from the repository root:

    python3 pathways/generate_scotland.py

The pathway is illustrative: realistic enough to exercise every rule of the
engine and to show real gaps, never a statement of what a board commissions
today. Every fact below names its source (see SOURCES); everything not found
in a source is marked as an assumption, here and in pathways/README.md.
The output is deterministic (same input, same bytes).
"""

import json
import pathlib
import sys

sys.dont_write_bytecode = True  # keep pathways/ free of __pycache__

from scotland_community import (  # noqa: E402
    COMMUNITY_SOURCES, CONTACT_DELAY, CONTACT_NOTE, add_community)
from scotland_rules import (  # noqa: E402
    BY_REFERRAL, age, all_of, any_adversity, board_region, fact, referred_from, service, wait)
from scotland_lints import lint_settings  # noqa: E402

# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------

SOURCES = [
    {"id": "nspcc-pmhns-2020",
     "title": "NSPCC Scotland and Perinatal Mental Health Network Scotland (2020): "
              "mapping of infant mental health provision in Scotland (seed 001)"},
    {"id": "pif-2025",
     "title": "Parent-Infant Foundation (November 2025): Keeping the Baby in the Room - "
              "Developing Specialised Infant Mental Health Services in Scotland (seed 004)"},
    {"id": "inspiring-scotland-imhw",
     "title": "Inspiring Scotland: Infant Mental Health Week, the third sector and the "
              "Perinatal and Infant Mental Health Fund (seed 000)"},
    {"id": "careers-nhs-scot-boards",
     "title": "careers.nhs.scot: the 14 territorial health boards; NHS Lothian, NHS Tayside "
              "and NHS Greater Glasgow and Clyde pages; Argyll and Bute Council news (2015); "
              "NHS Forth Valley staff news (council areas of each board)"},
    {"id": "phs-antenatal-booking",
     "title": "Public Health Scotland: antenatal booking in Scotland, 2022 "
              "(92.8% booked by 12 weeks)"},
    {"id": "gov-scot-uhvp",
     "title": "Scottish Government: Universal Health Visiting Pathway in Scotland, "
              "pre-birth to pre-school"},
    {"id": "gov-scot-fnp",
     "title": "Scottish Government: Family Nurse Partnership in Scotland, 10-year analysis"},
    {"id": "early-intervention-framework",
     "title": "NHS Education for Scotland: early intervention framework "
              "(earlyinterventionframework.nhs.scot) and the NES perinatal and infant "
              "mental health curricular framework"},
    {"id": "aberlour-befriending",
     "title": "Aberlour perinatal befriending services in Forth Valley and East Lothian"},
    {"id": "mnpi-boards",
     "title": "NHS Lothian and NHS Tayside maternity and neonatal psychological "
              "interventions pages; Shetland does not commission an MNPI service"},
    {"id": "mbu-catchments",
     "title": "West of Scotland Mother and Baby Unit (Leverndale, NHS Greater Glasgow and "
              "Clyde) and St John's Mother and Baby Unit (Livingston, NHS Lothian): 6 beds "
              "each, about 115 admissions a year"},
    {"id": "imh-team-pages",
     "title": "Board pages of infant mental health teams: NHS Lanarkshire Infant Minds "
              "Matter, NHS Dumfries and Galloway Wee Minds Matter, NHS Ayrshire and Arran "
              "Mini Minds Matter, NHS Highland perinatal and infant mental health team, "
              "NHS Lothian PAIRS, NHS Fife and NHS Tayside infant mental health services"},
    {"id": "gift-glasgow",
     "title": "University of Glasgow: Glasgow Infant and Family Team (GIFT)",
     "url": "https://www.gla.ac.uk/researchinstitutes/healthwellbeing/research/mentalhealth/"
            "research/projects/best/theteamsinvolved/glasgowinfantandfamilyteamgift/"},
    {"id": "nspcc-infant-family-teams",
     "title": "NSPCC Learning: infant and family teams",
     "url": "https://learning.nspcc.org.uk/services-children-families/infant-and-family-teams/"},
    {"id": "camhs-specification",
     "title": "Scottish Government (2020): CAMHS national service specification "
              "(treatment within 18 weeks; median wait about 12 weeks)"},
    {"id": "carepath-assumptions",
     "title": "Assumptions made for this illustrative pathway where no source gives a "
              "figure (listed in pathways/README.md)"},
]

# --------------------------------------------------------------------------
# Regions: Scotland -> 14 health boards -> 32 council areas
# --------------------------------------------------------------------------

# (board slug, board name, [(council area id, name)], mainland?)
BOARDS = [
    ("ayrshire-and-arran", "Ayrshire and Arran",
     [("east-ayrshire", "East Ayrshire"), ("north-ayrshire", "North Ayrshire"),
      ("south-ayrshire", "South Ayrshire")], True),
    ("borders", "Borders", [("scottish-borders", "Scottish Borders")], True),
    ("dumfries-and-galloway", "Dumfries and Galloway",
     [("dumfries-and-galloway", "Dumfries and Galloway")], True),
    ("fife", "Fife", [("fife", "Fife")], True),
    ("forth-valley", "Forth Valley",
     [("clackmannanshire", "Clackmannanshire"), ("falkirk", "Falkirk"),
      ("stirling", "Stirling")], True),
    ("grampian", "Grampian",
     [("aberdeen-city", "Aberdeen City"), ("aberdeenshire", "Aberdeenshire"),
      ("moray", "Moray")], True),
    ("greater-glasgow-and-clyde", "Greater Glasgow and Clyde",
     [("glasgow-city", "Glasgow City"), ("east-dunbartonshire", "East Dunbartonshire"),
      ("east-renfrewshire", "East Renfrewshire"), ("inverclyde", "Inverclyde"),
      ("renfrewshire", "Renfrewshire"), ("west-dunbartonshire", "West Dunbartonshire")], True),
    ("highland", "Highland",
     [("highland", "Highland"), ("argyll-and-bute", "Argyll and Bute")], True),
    ("lanarkshire", "Lanarkshire",
     [("north-lanarkshire", "North Lanarkshire"),
      ("south-lanarkshire", "South Lanarkshire")], True),
    ("lothian", "Lothian",
     [("city-of-edinburgh", "City of Edinburgh"), ("east-lothian", "East Lothian"),
      ("midlothian", "Midlothian"), ("west-lothian", "West Lothian")], True),
    ("orkney", "Orkney", [("orkney-islands", "Orkney Islands")], False),
    ("shetland", "Shetland", [("shetland-islands", "Shetland Islands")], False),
    ("tayside", "Tayside",
     [("angus", "Angus"), ("dundee-city", "Dundee City"),
      ("perth-and-kinross", "Perth and Kinross")], True),
    ("western-isles", "Western Isles", [("na-h-eileanan-siar", "Na h-Eileanan Siar")], False),
]

WEST_MBU_CATCHMENT = ["greater-glasgow-and-clyde", "ayrshire-and-arran",
                      "dumfries-and-galloway", "lanarkshire", "western-isles"]

ISLANDS = ["orkney", "shetland", "western-isles"]

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

ADVERSITIES = [
    ("perinatal_mental_illness", "Perinatal (parental) mental illness",
     "A parent's mental illness in pregnancy or the first year after birth."),
    ("parental_substance_misuse", "Parental substance misuse", ""),
    ("domestic_abuse", "Domestic abuse", ""),
    ("trauma", "Trauma",
     "Including distress related to pregnancy, birth, loss or neonatal care."),
    ("infant_developmental_difficulties", "Infant developmental difficulties", ""),
    ("parent_infant_relationship_difficulties", "Parent-infant relationship difficulties",
     "A moderate to severe difficulty in the relationship between parent and infant."),
    ("care_proceedings", "In local authority care with court proceedings",
     "The child is in local authority care, with court proceedings because of maltreatment."),
    ("poverty", "Poverty", ""),
]

# Adversities for which an infant mental health team takes a referral: the
# adversities named by the Programme for Government and the IMH
# Implementation and Advisory Group (nspcc-pmhns-2020, pif-2025), the
# relationship difficulty itself, and care proceedings. Poverty alone is not
# a reason for a specialist referral.
IMH_ADVERSITIES = ["parent_infant_relationship_difficulties", "perinatal_mental_illness",
                   "parental_substance_misuse", "domestic_abuse", "trauma",
                   "infant_developmental_difficulties", "care_proceedings"]

# The family's level of need, as the referrer assesses it (issue 16). The
# tiered model places families by need: "prevention and early intervention
# being prioritised" for all, targeted support, and specialist services for
# "significant disruption of the parent-infant relationship or impaired
# infant development" (Programme for Government 2018-19, nspcc-pmhns-2020).
NEED_DESCRIPTION = (
    "The referrer's assessment of the family's need in the tiered model: universal "
    "(prevention and early intervention for every family), targeted (additional "
    "support), specialist (significant disruption of the parent-infant relationship or "
    "impaired infant development, or significant adversity). Not given: a rule that "
    "asks is unknown, so such a service is not on a route (nspcc-pmhns-2020, pif-2025).")

# Where the sources speak of need: a specialist infant mental health team is
# for "significant disruption of the parent-infant relationship or impaired
# infant development" (Programme for Government 2018-19, quoted in
# nspcc-pmhns-2020) and "families experiencing significant adversity"
# (2019-20, quoted in nspcc-pmhns-2020 and pif-2025); the teams take
# "moderate to severe relational difficulty".
SPECIALIST_NEED = {"fact": {"id": "level_of_need", "at_least": "specialist"}}

# Who refers to an infant mental health team: "health visitor, family nurse,
# nursery, MNPI or perinatal team" (nspcc-pmhns-2020, pif-2025): services of
# every tier, and not the family itself.
IMH_REFERRAL_NOTE = (" Referred by a professional: health visitor, family nurse, nursery, MNPI "
                     "or perinatal team (nspcc-pmhns-2020, pif-2025), services of every tier; "
                     "families do not refer themselves (referred_from).")

NEED_NOTE = (" Level of need: specialist, for 'significant disruption of the parent-infant "
             "relationship or impaired infant development' and 'families experiencing "
             "significant adversity' (nspcc-pmhns-2020, pif-2025). The teams offer 'tailored "
             "packages of support at different levels of need' (pif-2025) within the team, "
             "which the sources do not describe: not modelled.")

FACTS = [
    {"id": "first_time_parent", "label": "First-time parent", "type": "boolean"},
    {"id": "parent_age_years", "label": "Parent's age in years", "type": "number"},
    {"id": "care_experienced_parent", "label": "Care-experienced parent", "type": "boolean",
     "description": "The parent was looked after by a local authority as a child."},
    {"id": "parental_illness_severity", "label": "Severity of parental mental illness",
     "type": "choice", "values": ["mild", "moderate", "severe"], "ordered": True},
    {"id": "level_of_need", "label": "Level of need", "type": "choice",
     "values": ["universal", "targeted", "specialist"], "ordered": True,
     "description": NEED_DESCRIPTION},
]

# --------------------------------------------------------------------------
# Infant mental health teams, per board
# --------------------------------------------------------------------------

# board -> (name, age rule, verified?, notes)
IMH_TEAMS = {
    "ayrshire-and-arran": ("Mini Minds Matter (infant mental health team)",
                           age("pregnancy", "3 years", when_seen=True), True,
                           "Works from pregnancy to the child's 3rd birthday."),
    "dumfries-and-galloway": ("Wee Minds Matter (infant mental health team)",
                              age("pregnancy", "3 years", when_seen=True), True,
                              "Works from conception or birth to the 3rd birthday; "
                              "modelled from pregnancy."),
    "lanarkshire": ("Infant Minds Matter (infant mental health team)",
                    age("pregnancy", "3 years", when_seen=True), True,
                    "Works from conception or birth to the 3rd birthday; modelled "
                    "from pregnancy. The 2025 source names existing infant mental health "
                    "expertise here (pif-2025)."),
    "lothian": ("PAIRS (Parent and Infant Relationship Service)",
                age("birth", "5 years"), True,
                "Works with children aged 0 to 5: from birth, referrals before the "
                "5th birthday. Lothian's perinatal and infant mental health services are "
                "well resourced, multidisciplinary, and jointly funded and delivered with "
                "third-sector partners (pif-2025); the source names no partner."),
    "fife": ("Infant mental health team (Fife)",
             age("pregnancy", "3 years", when_seen=True), True,
             "Named in the sources; its age range is not: the usual Scottish range "
             "(to the 3rd birthday, judged when seen) is assumed. The 2025 source names "
             "existing infant mental health expertise here (pif-2025)."),
    "tayside": ("Infant mental health team (Tayside)",
                age("pregnancy", "18 months"), True,
                "Works from the perinatal period to 18 months."),
    "greater-glasgow-and-clyde": ("Infant mental health team (Greater Glasgow and Clyde)",
                                  age("pregnancy", "3 years", when_seen=True), False,
                                  "Unverified: no source names a board-wide team; one is "
                                  "assumed from the 2019-23 national investment, with the "
                                  "usual range to the 3rd birthday."),
    "borders": ("Infant mental health team (Borders)",
                age("pregnancy", "3 years", when_seen=True), False,
                "Unverified: the board is developing its service (pif-2025); a team with "
                "the usual range to the 3rd birthday is assumed."),
    "forth-valley": ("Infant mental health team (Forth Valley)",
                     age("pregnancy", "3 years", when_seen=True), False,
                     "Unverified: a team with the usual range to the 3rd birthday is "
                     "assumed from the 2019-23 national investment."),
    "grampian": ("Infant mental health team (Grampian)",
                 age("pregnancy", "3 years", when_seen=True), False,
                 "Unverified: the board is developing its service (pif-2025); a team "
                 "with the usual range to the 3rd birthday is assumed."),
}

# The targeted programmes in every board (ids after the board slug).
PROGRAMME_IDS = ["mellow-bumps", "mellow-babies", "mellow-toddlers", "incredible-years-babies",
                 "incredible-years-toddlers"]

# Boards with an MNPI service named in the sources; elsewhere (but Shetland)
# one is assumed.
MNPI_NAMED = {"lothian", "tayside", "highland"}


# (which services, how to refer): the referrers the sources name.
HOW_TO_REFER = [
    # nspcc-pmhns-2020: community perinatal teams take referrals from these.
    (lambda s: s["id"].endswith("-perinatal-mental-health-team"),
     "Referral by GP, midwife, health visitor or obstetrician (nspcc-pmhns-2020)."),
    # nspcc-pmhns-2020, pif-2025: who refers to an infant mental health team.
    (lambda s: "infant-mental-health" in s.get("tags", ())
               and s["id"].endswith("-infant-mental-health-team"),
     "Referral by health visitor, family nurse, nursery, MNPI or perinatal team "
     "(nspcc-pmhns-2020, pif-2025)."),
    # pif-2025, inspiring-scotland-imhw: Home-Start takes self-referrals.
    (lambda s: s["id"].endswith("-home-start"),
     "Self-referral, or referral by health visitor, GP or social work (pif-2025)."),
]


def build():
    regions = [{"id": "scotland", "name": "Scotland", "kind": "country"}]
    for slug, name, areas, _ in BOARDS:
        regions.append({"id": board_region(slug), "name": f"NHS {name}",
                        "kind": "health_board", "parent": "scotland"})
    for slug, name, areas, _ in BOARDS:
        for aid, aname in areas:
            regions.append({"id": aid, "name": aname, "kind": "council_area",
                            "parent": board_region(slug)})

    services = []
    referrals = []

    def refer(frm, to, delay=None, when=None, notes=""):
        r = {"from": frm, "to": to}
        if when is not None:
            r["when"] = when
        if delay is not None:
            r["delay"] = delay
        if notes:
            r["notes"] = notes
        referrals.append(r)

    region_src = ["careers-nhs-scot-boards"]

    # National services: the two mother and baby units.
    west_mbu = "west-of-scotland-mother-and-baby-unit"
    east_mbu = "st-johns-mother-and-baby-unit"
    mbu_rule = all_of(age("28 weeks gestation", "1 year"),
                      any_adversity("perinatal_mental_illness"),
                      fact("parental_illness_severity", equals="severe"))
    mbu_notes = ("Later pregnancy is modelled as from 28 weeks gestation (assumed). "
                 "Wait assumed: admission is urgent. Referral through a perinatal "
                 "psychiatrist: from a specialist service (referred_from)")
    # Stepped care: a universal service may not refer straight to a unit, but
    # within Greater Glasgow and Clyde the GP refers to the West unit directly
    # (assumed from the sources' note that referrals from outside it come
    # through a local psychiatrist).
    through_psychiatrist = referred_from(at_least="specialist")
    west_referrers = {"any": [through_psychiatrist,
                              all_of(referred_from(tier=["universal"]),
                                     {"region": [board_region("greater-glasgow-and-clyde")]})]}
    east_catchment = [slug for slug, *_ in BOARDS if slug not in WEST_MBU_CATCHMENT]
    services.append(service(
        west_mbu, "West of Scotland Mother and Baby Unit", "specialist",
        [board_region(b) for b in WEST_MBU_CATCHMENT],
        tags=["mother-and-baby-unit", "perinatal-mental-health"],
        provider="NHS Greater Glasgow and Clyde (Leverndale Hospital)",
        eligibility=all_of(*mbu_rule["all"], west_referrers),
        wait_=wait("3 days", "2 weeks", assumed=True),
        description="Inpatient care for mother and baby together: 6 beds. Serves "
                    "Greater Glasgow and Clyde, Ayrshire and Arran, Dumfries and Galloway, "
                    "Lanarkshire and the Western Isles.",
        sources=["mbu-catchments", "carepath-assumptions"],
        notes=mbu_notes + ", or within Greater Glasgow and Clyde from the GP (assumed)."))
    services.append(service(
        east_mbu, "St John's Mother and Baby Unit", "specialist",
        [board_region(b) for b in east_catchment],
        tags=["mother-and-baby-unit", "perinatal-mental-health"],
        provider="NHS Lothian (St John's Hospital, Livingston)",
        eligibility=all_of(*mbu_rule["all"], through_psychiatrist),
        wait_=wait("3 days", "2 weeks", assumed=True),
        description="Inpatient care for mother and baby together: 6 beds. Serves the "
                    "boards outside the West of Scotland unit's catchment (inferred).",
        sources=["mbu-catchments", "carepath-assumptions"],
        notes=mbu_notes + ". The catchment is inferred as every board the West unit "
                          "does not serve."))

    # The regional perinatal mental health service for the island boards.
    island_perinatal = "island-boards-perinatal-mental-health-service"
    # Referred by GP, midwife, health visitor or obstetrician (nspcc-pmhns-2020):
    # by a professional, not the family itself. The sources' referrers are
    # universal services; the third-sector referrals of the file (assumed,
    # scotland_community.py) are kept, so the clause says only "by referral".
    perinatal_rule = all_of(age("pregnancy", "1 year"),
                            any_adversity("perinatal_mental_illness"),
                            fact("parental_illness_severity", at_least="moderate"),
                            BY_REFERRAL)
    services.append(service(
        island_perinatal, "Regional perinatal mental health service (island boards)",
        "specialist", [board_region(b) for b in ISLANDS],
        tags=["perinatal-mental-health"],
        eligibility=perinatal_rule, wait_=wait("4 weeks", "12 weeks", assumed=True),
        description="Small boards organise perinatal mental health care regionally.",
        sources=["nspcc-pmhns-2020", "pif-2025", "carepath-assumptions"],
        notes="Unverified: one regional service for Orkney, Shetland and the Western "
              "Isles is assumed; the sources say only that small boards organise "
              "regionally. Wait assumed."))

    # GIFT: Glasgow City only.
    services.append(service(
        "glasgow-infant-and-family-team", "Glasgow Infant and Family Team (GIFT)",
        "specialist", ["glasgow-city"], tags=["infant-mental-health"],
        provider="NHS Greater Glasgow and Clyde, Glasgow City Council and NSPCC Scotland",
        eligibility=all_of(age("birth", "5 years"),
                           {"adversities": {"all_of": ["care_proceedings"]}}),
        wait_=wait("2 weeks", "6 weeks", assumed=True),
        description="Works with the birth parents and foster or kinship carers of children "
                    "aged 0 to 5 in local authority care for the first time, with court "
                    "proceedings because of maltreatment: a 3-month assessment, then up to "
                    "12 months of intervention.",
        sources=["gift-glasgow", "nspcc-infant-family-teams", "nspcc-pmhns-2020", "pif-2025",
                 "carepath-assumptions"],
        notes="No level of need is asked: the team's criterion is the care and court "
              "proceedings themselves (gift-glasgow). "
              "Referrals through the child's social worker (assumed). Wait assumed: "
              "court timescales require a prompt start. The 2025 source names GIFT among "
              "the places with existing infant mental health expertise (pif-2025); its "
              "own parent-infant work is part of this service."))

    for slug, bname, areas, mainland in BOARDS:
        reg = [board_region(slug)]
        p = f"NHS {bname}"
        mw = f"{slug}-midwifery"
        hv = f"{slug}-health-visiting"
        gp = f"{slug}-gp"
        services.append(service(
            mw, f"Midwifery ({bname})", "universal", reg, tags=["universal-contact"],
            provider=p, entry=True, eligibility=age("pregnancy", "11 days"),
            description="Booking at 8 to 12 weeks of pregnancy; care until about 10 days "
                        "after birth.",
            sources=["phs-antenatal-booking", "nspcc-pmhns-2020"],
            notes="Until day 10 after birth, then handed over to health visiting."))
        services.append(service(
            hv, f"Health visiting ({bname})", "universal", reg, tags=["universal-contact"],
            provider=p, entry=True, eligibility=age("32 weeks gestation", "5 years"),
            description="Universal Health Visiting Pathway: from the 32-34 week pre-birth "
                        "contact to school age; 11 home visits; reviews at 13-15 months, "
                        "27-30 months and 4-5 years. Onward referral is a 'request for "
                        "assistance'.",
            sources=["gov-scot-uhvp", "nspcc-pmhns-2020"],
            notes="School age is modelled as the 5th birthday."))
        services.append(service(
            gp, f"GP practices ({bname})", "universal", reg, tags=["universal-contact"],
            provider=p, entry=True,
            description="Any age. Refers to perinatal teams and the mother and baby units.",
            sources=["nspcc-pmhns-2020"]))

        # Universal and targeted programmes.
        peep = f"{slug}-early-years-groups"
        services.append(service(
            peep, f"Bookbug, Peep, Stay & Play and infant massage ({bname})", "universal", reg,
            tags=["parenting-programme", "parent-and-child-group"], entry=True,
            eligibility=age("birth", "5 years"),
            description="Open groups and sessions for parents and children from birth to 5: "
                        "Bookbug, Peep (Parents Early Education Partnership), Stay & Play, "
                        "infant massage; in rural areas parent and toddler groups give peer "
                        "support.",
            sources=["nspcc-pmhns-2020", "early-intervention-framework",
                     "carepath-assumptions"],
            notes="Universal early years support 'available throughout Scotland' "
                  "(nspcc-pmhns-2020): placed in every board; which groups run in each area "
                  "is not recorded (unverified). The four kinds of group are one service: "
                  "each has the same place on every route (families come directly; "
                  "concerns go to the health visitor), so separate services would only "
                  "add equal routes. Infant massage is for babies (the source gives no age "
                  "range); the others run to the 5th birthday (assumed for Stay & Play)."))
        home_start = f"{slug}-home-start"
        services.append(service(
            home_start, f"Home-Start ({bname})", "targeted", reg, tags=["third-sector"],
            provider="Home-Start local schemes", entry=True,
            eligibility=all_of(age("pregnancy", "5 years"),
                               referred_from(tier=["self", "universal", "targeted"])),
            wait_=wait("4 weeks", "8 weeks", assumed=True),
            description="Weekly volunteer home visits to families with a child under 5, "
                        "from before birth. Self-referral, or by health visitor, GP or "
                        "social work.",
            sources=["pif-2025", "inspiring-scotland-imhw"],
            notes=("Highland has a strong third sector including Home-Start (pif-2025). "
                   if slug == "highland" else
                   "Named in Highland (pif-2025); a scheme here is assumed (unverified: "
                   "local coverage varies). ")
                  + "Self-referral, or by health visitor or GP (universal) or social work "
                    "(targeted): referred_from. Wait assumed: matching a volunteer takes "
                    "time."))
        programmes = [
            ("mellow-bumps", "Mellow Bumps", age("20 weeks gestation", "31 weeks gestation"),
             "For parents 20 to 30 weeks pregnant."),
            ("mellow-babies", "Mellow Babies", age("birth", "18 months"),
             "For parents of babies up to 18 months; rated Enhanced in the NES matrix."),
            ("mellow-toddlers", "Mellow Toddlers", age("1 year", "5 years"),
             "For parents of children aged 1 to 5."),
            ("incredible-years-babies", "Incredible Years Babies", age("birth", "12 months"),
             "For parents of babies 0 to 12 months."),
            ("incredible-years-toddlers", "Incredible Years Toddlers", age("1 year", "3 years"),
             "For parents of children aged 1 to 3."),
        ]
        for pid, pname, rule, desc in programmes:
            services.append(service(
                f"{slug}-{pid}", f"{pname} ({bname})", "targeted", reg,
                tags=["parenting-programme"], eligibility=rule,
                wait_=wait("6 weeks", "12 weeks", assumed=True), description=desc,
                sources=["nspcc-pmhns-2020", "early-intervention-framework",
                         "carepath-assumptions"],
                notes="Groups start in cohorts: a wait of 6 weeks is assumed. Which "
                      "programmes each board runs is not recorded (unverified). No level "
                      "of need is asked: the sources name targeted support without saying "
                      "who is turned away, and find that 'existing provision tends to be "
                      "offered on a more universal basis' (nspcc-pmhns-2020) (vague)."
                      + (" Mellow Parenting, which the 2020 mapping found only in "
                         "'pockets' (nspcc-pmhns-2020), is modelled by the Mellow "
                         "programmes in every board, as the early intervention framework "
                         "lists them (assumed)." if pid.startswith("mellow") else "")))

        # Family Nurse Partnership: mainland boards only.
        fnp = f"{slug}-family-nurse-partnership"
        if mainland:
            services.append(service(
                fnp, f"Family Nurse Partnership ({bname})", "targeted", reg,
                tags=["family-nurse-partnership"], provider=p,
                eligibility=all_of(
                    age("pregnancy", "2 years"),
                    fact("first_time_parent", equals=True),
                    {"any": [fact("parent_age_years", at_most=19),
                             all_of(fact("care_experienced_parent", equals=True),
                                    fact("parent_age_years", at_most=25))]}),
                wait_=wait("2 weeks", "4 weeks", assumed=True),
                description="Intensive home visiting by a family nurse for first-time parents "
                            "aged 19 or under (up to 25 if care-experienced), from early "
                            "pregnancy to the child's 2nd birthday.",
                sources=["gov-scot-fnp", "nspcc-pmhns-2020", "carepath-assumptions"],
                notes="Mainland boards only. Enrolment by about 28 weeks of pregnancy "
                      "(unverified) is the condition on the referrals into it. The "
                      "expansion to parents aged 21 and under, and to deprived parents up "
                      "to 25, is not modelled. Wait assumed."))

        # Perinatal befriending where the sources place it.
        befriending_regions = {"forth-valley": [board_region("forth-valley")],
                               "lothian": ["east-lothian"]}.get(slug)
        befriend = f"{slug}-perinatal-befriending"
        if befriending_regions:
            services.append(service(
                befriend, f"Perinatal befriending ({bname})", "targeted",
                befriending_regions, tags=["third-sector"], provider="Aberlour",
                eligibility=all_of(age("pregnancy", "1 year"),
                                   any_adversity("perinatal_mental_illness")),
                wait_=wait("4 weeks", "8 weeks", assumed=True),
                description="Volunteer befriending from conception to the 1st birthday "
                            "for parents with low mood or mental illness.",
                sources=["aberlour-befriending", "carepath-assumptions"],
                notes="The mental-illness criterion and the wait are assumed."))

        # Community perinatal mental health team (island boards: regional).
        perinatal = island_perinatal if not mainland else f"{slug}-perinatal-mental-health-team"
        if mainland:
            services.append(service(
                perinatal, f"Community perinatal mental health team ({bname})",
                "specialist", reg, tags=["perinatal-mental-health"], provider=p,
                eligibility=perinatal_rule, wait_=wait("4 weeks", "12 weeks", assumed=True),
                description="Pre-conception to the 1st birthday; moderate to severe parental "
                            "mental illness; referred by GP, midwife, health visitor or "
                            "obstetrician.",
                sources=["nspcc-pmhns-2020", "carepath-assumptions"],
                notes="Pre-conception care cannot be modelled (ages start at pregnancy). "
                      "'Moderate to severe' grades the parent's illness "
                      "(parental_illness_severity), not the family's level of need. "
                      "Wait assumed."
                      + (" Part of Highland's small integrated perinatal, IMH and MNPI "
                         "service (pif-2025)." if slug == "highland" else "")))

        # Maternity and neonatal psychological interventions (none in Shetland).
        mnpi = f"{slug}-mnpi"
        if slug != "shetland":
            services.append(service(
                mnpi, f"Maternity and neonatal psychological interventions ({bname})",
                "specialist", reg, tags=["psychology"], provider=p,
                eligibility=all_of(age("pregnancy", "1 year"),
                                   any_adversity("perinatal_mental_illness", "trauma")),
                wait_=wait("6 weeks", "12 weeks", assumed=True),
                description="Psychology from pregnancy to 1 year after birth for distress "
                            "related to pregnancy, birth, loss or neonatal care.",
                sources=["mnpi-boards", "pif-2025", "carepath-assumptions"],
                notes=(("Named in the sources." + (" Part of Highland's small integrated "
                                                   "perinatal, IMH and MNPI service "
                                                   "(pif-2025)." if slug == "highland"
                                                   else ""))
                       if slug in MNPI_NAMED else
                       "Unverified: a service is assumed here; the sources name Lothian, "
                       "Tayside and Highland, and say Shetland does not commission one.")
                      + " Wait assumed."))

        # Infant mental health team.
        imh = f"{slug}-infant-mental-health-team"
        if slug in IMH_TEAMS:
            name, rule, verified, notes = IMH_TEAMS[slug]
            services.append(service(
                imh, name, "specialist", reg, tags=["infant-mental-health"], provider=p,
                eligibility=all_of(rule, any_adversity(*IMH_ADVERSITIES), SPECIALIST_NEED,
                                   BY_REFERRAL),
                wait_=wait("6 weeks", "18 weeks", assumed=True),
                description="Moderate to severe relational difficulty between parent and "
                            "infant; referred by health visitor, family nurse, nursery, MNPI "
                            "or perinatal team.",
                sources=(["imh-team-pages"] if verified else []) +
                        ["nspcc-pmhns-2020", "pif-2025", "carepath-assumptions"],
                notes=notes + NEED_NOTE + IMH_REFERRAL_NOTE + " Wait: 6 weeks, the one published aim (NHS "
                                          "Highland), assumed here; 18 weeks pessimistic, "
                                          "the national standard for CAMHS, assumed as an "
                                          "upper bound."))
        elif slug == "highland":
            services.append(service(
                imh, "Perinatal and infant mental health team: IMH consultation (Highland)",
                "specialist", reg, tags=["infant-mental-health-consultation"], provider=p,
                eligibility=all_of(age("pregnancy", "3 years", when_seen=True),
                                   any_adversity(*IMH_ADVERSITIES)),
                wait_=wait("6 weeks", "18 weeks"),
                description="A small integrated perinatal, IMH and MNPI service. Infant "
                            "mental health work is consultation only so far: it advises the "
                            "referring professional and is not a direct service for a "
                            "family, so it is not a goal.",
                sources=["pif-2025", "imh-team-pages"],
                notes="Aims to start within 6 weeks (published); 18 weeks pessimistic. No "
                      "level of need is asked: consultation advises the professional about "
                      "a family, and the source does not say for which needs (vague)."))

        # CAMHS.
        camhs = f"{slug}-camhs"
        services.append(service(
            camhs, f"Child and adolescent mental health services ({bname})", "specialist",
            reg, tags=["camhs"], provider=p, eligibility=age("birth", "18 years"),
            wait_=wait("12 weeks", "18 weeks"),
            description="Ages 0 to 18. Treatment within 18 weeks (standard); median wait "
                        "about 12 weeks.",
            sources=["camhs-specification"]))

        # Children and families social work, per council area.
        social_work = []
        for aid, aname in areas:
            sw = f"{aid}-social-work"
            social_work.append(sw)
            services.append(service(
                sw, f"Children and families social work ({aname})", "targeted", [aid],
                tags=["social-work"], provider=f"{aname} Council",
                eligibility=any_adversity("care_proceedings", "domestic_abuse",
                                          "parental_substance_misuse"),
                wait_=wait("1 week", "3 weeks", assumed=True),
                description="Child protection and looked-after children.",
                sources=["nspcc-pmhns-2020", "carepath-assumptions"],
                notes="Criteria and wait assumed: families with care proceedings, domestic "
                      "abuse or substance misuse."))

        # ---- Referrals within the board ----
        rfa = "Request for assistance (Universal Health Visiting Pathway)."
        has_imh = slug in IMH_TEAMS
        enrol = age("pregnancy", "28 weeks gestation")
        enrol_note = "Enrolment by about 28 weeks of pregnancy (unverified)."

        # Midwifery.
        refer(mw, perinatal, notes="Midwives refer to perinatal mental health services.")
        if slug != "shetland":
            refer(mw, mnpi)
        if mainland:
            refer(mw, fnp, when=enrol, notes=enrol_note)
        refer(mw, f"{slug}-mellow-bumps")
        if befriending_regions:
            refer(mw, befriend)
        for sw in social_work:
            refer(mw, sw)

        # GP.
        refer(gp, perinatal, delay="1 week", notes="Delay assumed.")
        if slug != "shetland":
            refer(gp, mnpi, delay="1 week", notes="Delay assumed.")
        if mainland:
            refer(gp, fnp, when=enrol, notes=enrol_note)
        refer(gp, camhs, delay="1 week", notes="Delay assumed.")
        refer(gp, home_start)
        for sw in social_work:
            refer(gp, sw)
        if slug == "greater-glasgow-and-clyde":
            refer(gp, west_mbu, notes="Within Greater Glasgow and Clyde the unit takes "
                                      "referrals directly (assumed from the sources' note "
                                      "that referrals from outside it come through a local "
                                      "psychiatrist).")

        # Health visiting.
        if has_imh:
            refer(hv, imh, delay="1 week", notes=rfa + " Delay assumed.")
        elif slug == "highland":
            refer(hv, imh, delay="1 week", notes="Consultation for the health visitor.")
        refer(hv, perinatal, delay="1 week", notes=rfa + " Delay assumed.")
        if slug != "shetland":
            refer(hv, mnpi, delay="1 week", notes=rfa + " Delay assumed.")
        for pid, *_ in programmes:
            if pid != "mellow-bumps":
                refer(hv, f"{slug}-{pid}")
        refer(hv, home_start)
        if befriending_regions:
            refer(hv, befriend)
        for sw in social_work:
            refer(hv, sw, notes="Child protection referral.")

        # Family nurses.
        if mainland:
            if has_imh:
                refer(fnp, imh)
            elif slug == "highland":
                refer(fnp, imh, notes="Consultation for the family nurse.")
            refer(fnp, perinatal)
            for sw in social_work:
                refer(fnp, sw)

        # Programmes and third sector back to the health visitor.
        refer(peep, hv, delay=CONTACT_DELAY,
              notes="Concerns raised with the family's health visitor." + CONTACT_NOTE)
        refer(home_start, hv, delay=CONTACT_DELAY,
              notes="Concerns raised with the family's health visitor." + CONTACT_NOTE)
        # Befriending's onward referrals are with the other third-sector
        # services' (scotland_community.py).

        # Perinatal team (mainland; the island service is wired below).
        if mainland:
            if has_imh:
                refer(perinatal, imh)
            refer(perinatal, mnpi)
            refer(perinatal, west_mbu if slug in WEST_MBU_CATCHMENT else east_mbu,
                  notes="After assessment by the team's psychiatrist.")

        # MNPI.
        if slug != "shetland" and has_imh:
            refer(mnpi, imh)

        # Mother and baby units discharge to local teams.
        mbu = west_mbu if slug in WEST_MBU_CATCHMENT else east_mbu
        if has_imh:
            refer(mbu, imh, notes="On discharge.")

        # IMH team onward to CAMHS after the infant years.
        if has_imh:
            refer(imh, camhs)

        # Social work.
        for sw in social_work:
            refer(sw, home_start)
        if slug == "greater-glasgow-and-clyde":
            refer("glasgow-city-social-work", "glasgow-infant-and-family-team",
                  notes="The child's social worker refers (assumed).")

    # Island regional perinatal service -> mother and baby units, MNPI.
    refer(island_perinatal, west_mbu, notes="Western Isles: after assessment by a "
                                            "psychiatrist (the West unit's catchment).")
    refer(island_perinatal, east_mbu, notes="Orkney and Shetland: after assessment by a "
                                            "psychiatrist.")
    for b in ISLANDS:
        if b != "shetland":
            refer(island_perinatal, f"{b}-mnpi")

    # Community services and the onward referrals of programmes and the third
    # sector (scotland_community.py).
    for slug, bname, areas, mainland in BOARDS:
        add_community(
            services, refer, slug=slug, bname=bname, areas=areas, mainland=mainland,
            imh_adversities=IMH_ADVERSITIES, specialist_need=SPECIALIST_NEED,
            ids={"mw": f"{slug}-midwifery", "hv": f"{slug}-health-visiting",
                 "gp": f"{slug}-gp",
                 "perinatal": (f"{slug}-perinatal-mental-health-team" if mainland
                               else island_perinatal),
                 "imh": f"{slug}-infant-mental-health-team" if slug in IMH_TEAMS else None,
                 "home_start": f"{slug}-home-start",
                 "befriend": (f"{slug}-perinatal-befriending"
                              if slug in ("forth-valley", "lothian") else None),
                 "programmes": [f"{slug}-{pid}" for pid in PROGRAMME_IDS]})

    # How to refer, only where the sources say who refers (as the
    # descriptions quote them); every other service is left without one.
    for s in services:
        how = next((how for test, how in HOW_TO_REFER if test(s)), None)
        if how:
            s["contact"] = {"how_to_refer": how}
    services.sort(key=lambda s: s["id"])
    referrals.sort(key=lambda r: (r["from"], r["to"]))
    return {
        "metadata": {
            "name": "Scotland: perinatal and infant mental health pathways (illustrative)",
            "version": "1.2.0",
            "description": (
                "Illustrative: realistic enough to exercise every rule of the engine and "
                "to show real gaps, never a statement of what any board commissions today. "
                "14 health boards and their 32 council areas; universal contacts, targeted "
                "programmes, perinatal and infant mental health services. Facts carry their "
                "sources; waits without a published figure are marked as assumed. "
                "Generated by pathways/generate_scotland.py; see pathways/README.md."),
            "last_reviewed": "2026-11-26",
            "sources": SOURCES + COMMUNITY_SOURCES,
            "lints": lint_settings(services),
        },
        "vocabulary": {
            "adversities": [dict(id=i, label=l, **({"description": d} if d else {}))
                            for i, l, d in ADVERSITIES],
            "facts": FACTS,
        },
        "regions": regions,
        "services": services,
        "referrals": referrals,
        "goal": {"tier": "specialist", "tags": ["infant-mental-health"]},
        "alternatives": ALTERNATIVES,
    }


# What to offer, in order, when no route reaches an infant mental health
# team: Highland's consultation to the referring professional (pif-2025),
# the parent's perinatal mental health care, then CAMHS (ages 0 to 18).
ALTERNATIVES = [
    {"label": "Infant mental health consultation for the referring professional",
     "goal": {"tags": ["infant-mental-health-consultation"]}},
    {"label": "Perinatal mental health care for the parent",
     "goal": {"tier": "specialist", "tags": ["perinatal-mental-health"]}},
    {"label": "Child and adolescent mental health services",
     "goal": {"tier": "specialist", "tags": ["camhs"]}},
]


def main():
    out = pathlib.Path(__file__).with_name("scotland.json")
    doc = build()
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(doc['services'])} services, {len(doc['referrals'])} referrals, "
          f"{len(doc['regions'])} regions")


if __name__ == "__main__":
    main()
