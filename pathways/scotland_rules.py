"""Rule and service helpers shared by the Scotland pathway generator
(generate_scotland.py) and its community part (scotland_community.py).
Standard library only."""


def age(frm=None, before=None, when_seen=False):
    a = {}
    if frm is not None:
        a["from"] = frm
    if before is not None:
        a["before"] = before
    if when_seen:
        a["judged"] = "when_seen"
    return {"age": a}


def any_adversity(*ids):
    return {"adversities": {"any_of": list(ids)}}


def all_of(*rules):
    return {"all": list(rules)}


def fact(fid, **cmp):
    return {"fact": dict(id=fid, **cmp)}


def referred_from(**parts):
    """Stepped care: who a referral may come from, by the referring service's
    tier (`tier`: a list, `self` for the family itself; or `at_least` /
    `at_most` a tier)."""
    return {"referred_from": parts}


# A referral by a professional (a service of any tier); the family does not
# refer itself.
BY_REFERRAL = referred_from(at_least="universal")


def wait(typical, pessimistic=None, assumed=False):
    w = {"typical": typical}
    if pessimistic is not None:
        w["pessimistic"] = pessimistic
    if assumed:
        w["assumed"] = True
    return w


def service(sid, name, tier, regions, *, tags=(), provider="", entry=False,
            eligibility=None, wait_=None, description="", sources=(), notes=""):
    s = {"id": sid, "name": name, "tier": tier}
    if tags:
        s["tags"] = list(tags)
    if provider:
        s["provider"] = provider
    s["regions"] = list(regions)
    if entry:
        s["entry"] = True
    if eligibility is not None:
        s["eligibility"] = eligibility
    if wait_ is not None:
        s["wait"] = wait_
    if description:
        s["description"] = description
    s["sources"] = list(sources)
    if notes:
        s["notes"] = notes
    return s


def board_region(slug):
    return f"nhs-{slug}"
