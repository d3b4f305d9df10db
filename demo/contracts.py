"""The demo's social contracts (demo/data/contracts.toml), signed, reviewed and closed through
the contract services: numbered in the documents register as signing does, each action and
review recorded by the participant's social worker."""

from datetime import timedelta

from contracts.models import Outcome, SocialContract, proposed_kind
from contracts.services import (
    action_set_done,
    contract_add_action,
    contract_add_monitoring,
    contract_close,
    contract_create,
)

from .datafiles import read

CONTRACTS = read("contracts")
ASSESSMENTS = CONTRACTS["assessments"]


def _sign(participation, *, assessment: str, goals: str, valid_to, actions: list[dict],
          monitoring: list[dict], next_review_on=None) -> SocialContract:
    """A contract signed on the day the participation starts, its actions (ticked off when
    done) and its reviews, each naming the next one; the last names ``next_review_on``."""
    worker, signed_on = participation.social_worker, participation.start_date
    contract = contract_create(
        participation=participation, by=worker, kind=proposed_kind(participation),
        signed_on=signed_on, valid_from=signed_on, valid_to=valid_to, worker=worker,
        assessment=assessment, goals=goals,
    )
    for action in actions:
        done = action.pop("done")
        added = contract_add_action(contract=contract, by=worker, **action)
        if done:
            action_set_done(action=added, done=True, by=worker)
    following = [row["date"] for row in monitoring[1:]] + [next_review_on]
    for row, next_on in zip(monitoring, following, strict=True):
        contract_add_monitoring(contract=contract, on=row["date"], note=row["note"],
                                progress=row["progress"], next_review_on=next_on, by=worker)
    return contract


def _close(contract, outcome: str, final_assessment: str, on) -> None:
    contract_close(contract=contract, outcome=outcome, final_assessment=final_assessment, on=on,
                   by=contract.worker, expected_version=contract.version)


def _course(text: str, person) -> str:
    who = "Uczestniczka wywiązała się" if person.sex == "K" else "Uczestnik wywiązał się"
    return text.replace("{course}", person.course).replace("{who}", who)


def seed_sign(people, recruited) -> dict:
    """The seed project's 25 contracts; returns them by the person's name."""
    terms = CONTRACTS["seed"]
    return {
        person.name: _sign(
            recruited[person.name], valid_to=terms["valid_to"],
            assessment=ASSESSMENTS[number % len(ASSESSMENTS)],
            goals=_course(terms["goals"], person),
            actions=[{**row, "description": _course(row["description"], person)}
                     for row in terms["actions"]],
            monitoring=[{**row, "note": _course(row["note"], person)}
                        for row in terms["monitoring"]],
        )
        for number, person in enumerate(people)
    }


def seed_close(people, contracts: dict) -> None:
    terms = CONTRACTS["seed"]
    for person in people:
        contract = contracts[person.name]
        _close(contract, terms["outcome"], _course(terms["final_assessment"], person),
               contract.participation.end_date)


def recent_sign(recruited) -> dict:
    """The recent project's contracts, valid to the end of each person's edition; returns them
    by the person's name with how each is to end."""
    terms, signed = CONTRACTS["recent"], {}
    for number, row in enumerate(terms["contract"]):
        participation = recruited[row["who"]]
        start, end = participation.start_date, participation.edition.end_date
        outcome = Outcome(row["outcome"])
        terminated, fulfilled = outcome == Outcome.TERMINATED, outcome == Outcome.FULFILLED
        contract = _sign(
            participation, valid_to=end, goals=terms["goals"],
            assessment=ASSESSMENTS[(number + 1) % len(ASSESSMENTS)],
            actions=[
                {"party": action["party"], "description": action["description"],
                 "responsible": action["responsible"],
                 "deadline": end if action.get("end") else start + timedelta(action["days"]),
                 "done": action["done"] == "always" or fulfilled}
                for action in terms["actions"]
            ],
            monitoring=[
                {"date": start + timedelta(review["days"]),
                 **{key: review[key] for key in ("progress", "note")},
                 **(review.get("terminated", {}) if terminated else {})}
                for review in terms["monitoring"]
            ],
            next_review_on=row.get("next_review_on"),
        )
        signed[row["who"]] = (contract, outcome)
    return signed


def recent_close(signed: dict) -> None:
    texts = CONTRACTS["recent"]["final_assessment"]
    for contract, outcome in signed.values():
        if outcome != Outcome.IN_FORCE:
            contract.participation.refresh_from_db()
            _close(contract, outcome, texts[outcome], contract.participation.end_date)
