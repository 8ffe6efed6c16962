"""The community part of the Scotland pathway: early years and family nurture
centres, Triple P, third-sector perinatal support, counselling
and befriending, the parent-infant interventions the sources find in
"pockets", and the onward referrals of every programme and third-sector
service (issue 15). Called once per board by generate_scotland.py.

Every fact names its source id; everything the sources do not give is
marked as assumed here, in the data's notes and in pathways/README.md.
Standard library only; deterministic.
"""

from scotland_rules import age, all_of, any_adversity, board_region, service, wait

# Source ids added for this part (the rest are in generate_scotland.py).
COMMUNITY_SOURCES = [
    {"id": "pmhn-needs-assessment-2019",
     "title": "Perinatal Mental Health Network Scotland (2019): Delivering Effective "
              "Services - needs assessment and service recommendations for specialist and "
              "universal perinatal mental health services; Recommendations 10 and 17 as "
              "quoted in seed 001",
     "url": "https://www.pmhn.scot.nhs.uk/wp-content/uploads/2019/03/"
            "PMHN-Needs-Assessment-Report.pdf"},
]

# Boards where the sources place existing specialised infant mental health
# expertise or well-resourced services (pif-2025: "NSPCC GIFT, Fife,
# Lanarkshire some existing expertise"; Lothian "discreet, well-resourced
# perinatal and infant mental health services"). The parent-infant
# interventions the 2020 mapping found only in unnamed "pockets" are placed
# here and nowhere else (assumed). Glasgow's expertise is GIFT itself.
POCKET_BOARDS = {"fife", "lanarkshire", "lothian"}

POCKET_NOTE = ("The 2020 mapping found this intervention only in 'pockets', 'not found "
               "uniformly across Scotland', and names no places (nspcc-pmhns-2020). It is "
               "placed only in the boards where the 2025 source names existing infant mental "
               "health expertise (Fife, Lanarkshire) or well-resourced services (Lothian) "
               "(pif-2025): an assumption, unverified; other boards are modelled without it.")

THIRD_SECTOR_ONWARD = ("Third-sector services 'can facilitate access to more specific "
                       "therapeutic help' (nspcc-pmhns-2020); the source does not say how, so "
                       "a direct referral is assumed. Delay assumed.")

LOTHIAN_JOINT = ("NHS Lothian's perinatal and infant mental health services are jointly "
                 "funded and delivered with third-sector partners (pif-2025); the source "
                 "names no partner and does not say how families pass between them, so a "
                 "direct referral is assumed. Delay assumed.")

BACK_TO_HV = "Concerns raised with the family's health visitor (assumed)."

# A referral back to a universal contact the family already has (health
# visitor, GP, midwife) is not instant: the contact sees the family at a next
# visit or appointment. One week is assumed; with no delay such a referral
# would tie with the route that starts at that contact today.
CONTACT_DELAY = "1 week"
CONTACT_NOTE = (" Delay assumed: the family is seen at the contact's next visit or "
                "appointment.")


def add_community(services, refer, *, slug, bname, areas, mainland, ids, imh_adversities,
                  specialist_need):
    """Adds one board's community services and the onward referrals of its
    programmes and third-sector services.

    ids: the board's service ids: mw, hv, gp, perinatal, imh (None where the
    board has no team), home_start, befriend (None where Aberlour has no
    service), programmes (ids of the targeted programmes).
    specialist_need: the rule clause of the IMH teams' level of need.
    """
    reg = [board_region(slug)]
    mw, hv, gp = ids["mw"], ids["hv"], ids["gp"]

    def to_contact(frm, to, notes):
        refer(frm, to, delay=CONTACT_DELAY, notes=notes + CONTACT_NOTE)

    perinatal, imh = ids["perinatal"], ids["imh"]
    lothian = slug == "lothian"
    highland = slug == "highland"

    # ---- Early years and family nurture centres, per council area ----
    for aid, aname in areas:
        centre = f"{aid}-early-years-centre"
        services.append(service(
            centre, f"Early years and family nurture centres ({aname})", "universal", [aid],
            tags=["early-years-centre"],
            provider=f"{aname} Council (some centres run by the third sector)", entry=True,
            eligibility=age("birth", "5 years"),
            description="Multidisciplinary early years centres working closely with health "
                        "visiting and speech and language therapy: from universal support "
                        "for attachment to early intervention for the parent-infant "
                        "relationship where need is identified; practical help (benefits, "
                        "budgeting, food banks, housing).",
            sources=["nspcc-pmhns-2020", "carepath-assumptions"],
            notes="The 2020 mapping describes centres as a kind of provision (mostly "
                  "statutory, some third sector) without listing where they are: one "
                  "service per council area is assumed (unverified). Families come "
                  "directly (entry): the centres' universal provision is open to the whole "
                  "family and community (nspcc-pmhns-2020). The age range (birth to the 5th "
                  "birthday) is assumed. The centres' own early interventions for the "
                  "parent-infant relationship are part of this service."))
        to_contact(centre, hv, notes="Centres have 'close working relationships with Health "
                                "Visiting' (nspcc-pmhns-2020).")
        if imh:
            refer(centre, imh, delay="1 week",
                  notes="Nurseries refer to the infant mental health teams "
                        "(imh-team-pages); an early years centre is modelled as one. "
                        "Delay assumed.")

    # ---- Triple P ----
    triple_p = f"{slug}-triple-p"
    services.append(service(
        triple_p, f"Triple P group ({bname})", "targeted", reg,
        tags=["parenting-programme"],
        provider=f"Local authority parenting and family support teams ({bname})",
        eligibility=age("3 years", "5 years"), wait_=wait("6 weeks", "12 weeks", assumed=True),
        description="Group parenting programme for parents of 3 and 4 year olds.",
        sources=["nspcc-pmhns-2020", "early-intervention-framework", "carepath-assumptions"],
        notes="'Triple P and Incredible Years are the most commonly delivered parenting "
              "programmes in Scotland' (nspcc-pmhns-2020): placed in every board; which "
              "boards run it is not recorded (unverified). Only the group for parents of 3 "
              "to 4 year olds is modelled (the 3rd to the 5th birthday); other levels of "
              "Triple P are not. Groups start in cohorts: wait assumed."))
    refer(hv, triple_p, notes="Request for assistance (assumed, as for the other "
                              "programmes).")
    to_contact(triple_p, hv, notes=BACK_TO_HV)

    # ---- Onward referrals of the existing programmes (no longer dead ends) ----
    for prog in ids["programmes"]:
        to_contact(prog, hv, notes=BACK_TO_HV + " The family stays on the health visitor's "
                                           "caseload (gov-scot-uhvp).")
    to_contact(f"{slug}-mellow-bumps", mw,
          notes="In pregnancy, concerns raised with the midwife (assumed).")

    # ---- Third-sector perinatal counselling and support ----
    counselling = f"{slug}-perinatal-counselling"
    services.append(service(
        counselling, f"Third-sector perinatal counselling and support ({bname})",
        "targeted", reg, tags=["third-sector", "counselling"],
        provider=("Third-sector partners of NHS Lothian" if lothian else
                  "Third-sector counselling and support services"),
        entry=True, eligibility=age("pregnancy", "2 years"),
        wait_=wait("4 weeks", "8 weeks", assumed=True),
        description="Individual and couple counselling and support for the parent-infant "
                    "relationship, for parents and parents to be; families refer themselves.",
        sources=["pmhn-needs-assessment-2019", "nspcc-pmhns-2020", "inspiring-scotland-imhw",
                 "carepath-assumptions"] + (["pif-2025"] if lothian else []),
        notes="Recommendation 17 asks every board to make all parents aware of the "
              "third-sector counselling and support services in their area and how to "
              "access them (pmhn-needs-assessment-2019): such services are assumed in "
              "every board (unverified; the source lists none), reached directly (entry). "
              "Age range assumed: the first 1,001 days to the 2nd birthday, the span of "
              "the Perinatal and Infant Mental Health Fund (inspiring-scotland-imhw). Wait "
              "assumed." + (" Lothian delivers jointly with third-sector partners "
                            "(pif-2025)." if lothian else "")))
    third_sector = [counselling]

    # ---- Community perinatal befriending (where Aberlour has no service) ----
    befriend_areas = {"forth-valley": [],
                      "lothian": [a for a, _ in areas if a != "east-lothian"]}.get(
                          slug, reg)
    befriend = None
    if befriend_areas:
        befriend = f"{slug}-community-perinatal-befriending"
        services.append(service(
            befriend, f"Community perinatal befriending ({bname})", "targeted",
            befriend_areas, tags=["third-sector", "befriending"],
            provider="Third-sector befriending services",
            eligibility=all_of(age("pregnancy", "1 year"),
                               any_adversity("perinatal_mental_illness")),
            wait_=wait("4 weeks", "8 weeks", assumed=True),
            description="Volunteer befriending for parents struggling with their emotional "
                        "health or with low to moderate perinatal mental illness, to build "
                        "self-esteem and confidence with their baby.",
            sources=["nspcc-pmhns-2020", "aberlour-befriending", "carepath-assumptions"],
            notes="A 'key opportunity' for low to moderate perinatal mental illness "
                  "(nspcc-pmhns-2020); the source names no places: placed in every area "
                  "without Aberlour's service (assumed, unverified). Age range and "
                  "criterion as Aberlour's (aberlour-befriending); wait assumed. No level of "
                  "need or severity is asked: the source calls befriending an opportunity "
                  "for 'low to moderate' illness, not a limit (vague)."))
        refer(mw, befriend, notes="Assumed, as for Aberlour's befriending.")
        refer(hv, befriend, notes="Assumed, as for Aberlour's befriending.")
        refer(gp, befriend, notes="Assumed.")
        third_sector.append(befriend)
    if ids["befriend"]:
        refer(gp, ids["befriend"], notes="Assumed.")
        third_sector.append(ids["befriend"])

    # ---- Onward referrals of third-sector services ----
    for ts in third_sector:
        to_contact(ts, hv, notes=BACK_TO_HV)
        to_contact(ts, gp, notes="Parents are encouraged to see their GP about their own "
                            "mental health (assumed).")
        refer(ts, perinatal, delay="1 week",
              notes=THIRD_SECTOR_ONWARD + (" In Highland the perinatal team is part of a "
                                           "small integrated perinatal, IMH and MNPI "
                                           "service (pif-2025)." if highland else ""))
        if imh and (ts == counselling or lothian):
            refer(ts, imh, delay="1 week",
                  notes=LOTHIAN_JOINT if lothian else THIRD_SECTOR_ONWARD)
    home_start = ids["home_start"]
    to_contact(home_start, gp, notes="Volunteers encourage parents to see their GP (assumed).")
    if highland:
        refer(home_start, perinatal, delay="1 week",
              notes="Highland has a strong third sector including Home-Start and a small "
                    "integrated perinatal, IMH and MNPI service (pif-2025); the source does "
                    "not say how they connect: a referral to the perinatal team is assumed. "
                    "Delay assumed.")
    if lothian and imh:
        refer(home_start, imh, delay="1 week", notes=LOTHIAN_JOINT)

    # ---- Parent-infant interventions in pockets ----
    if slug not in POCKET_BOARDS:
        return
    relational = any_adversity(*imh_adversities)
    vig = f"{slug}-video-interaction-guidance"
    services.append(service(
        vig, f"Video Interaction Guidance ({bname})", "targeted", reg,
        tags=["parent-infant-intervention"], provider=f"NHS {bname}",
        eligibility=all_of(age("birth", "5 years"), relational),
        wait_=wait("6 weeks", "12 weeks", assumed=True),
        description="Video feedback of the parent's own attuned moments with the child, by a "
                    "trained practitioner in a universal or targeted service.",
        sources=["nspcc-pmhns-2020", "pif-2025", "carepath-assumptions"],
        notes=POCKET_NOTE + " Practitioners in universal or targeted services deliver it "
                            "(nspcc-pmhns-2020). Age range, criteria and wait assumed."))
    cos = f"{slug}-circle-of-security"
    services.append(service(
        cos, f"Circle of Security ({bname})", "targeted", reg,
        tags=["parent-infant-intervention", "parenting-programme"], provider=f"NHS {bname}",
        eligibility=age("birth", "5 years"), wait_=wait("6 weeks", "12 weeks", assumed=True),
        description="Attachment-based parenting programme.",
        sources=["nspcc-pmhns-2020", "pif-2025", "carepath-assumptions"],
        notes=POCKET_NOTE + " Age range and wait assumed; groups start in cohorts."))
    pip = f"{slug}-parent-infant-psychotherapy"
    services.append(service(
        pip, f"Parent-infant psychotherapy ({bname})", "specialist", reg,
        tags=["parent-infant-intervention", "psychotherapy"], provider=f"NHS {bname}",
        eligibility=all_of(age("pregnancy", "3 years"), relational, specialist_need),
        wait_=wait("6 weeks", "18 weeks", assumed=True),
        description="Psychotherapy with parent and infant together.",
        sources=["nspcc-pmhns-2020", "pif-2025", "carepath-assumptions"],
        notes=POCKET_NOTE + " It is not a goal: the board's infant mental health team is. "
                            "Age range, criteria (specialist level of need included) and "
                            "wait assumed as the IMH teams'."))
    for intervention in (vig, cos):
        refer(hv, intervention, notes="Request for assistance (assumed).")
        to_contact(intervention, hv, notes=BACK_TO_HV)
        if imh:
            refer(intervention, imh, delay="1 week",
                  notes="For more specialist help with the relationship (assumed). "
                        "Delay assumed.")
    refer(perinatal, pip, notes="Perinatal teams 'present an important opportunity to "
                                "support a mother's relationship with her child' "
                                "(nspcc-pmhns-2020); the referral is assumed.")
    if imh:
        refer(imh, pip, notes="The team refers for psychotherapy (assumed).")
        refer(pip, imh, notes="For the team's wider multidisciplinary work (assumed).")
    to_contact(pip, hv, notes="On discharge (assumed).")
