"""The vocabulary of the access table (tests/test_access.py and tests/access_tables/)."""

from dataclasses import dataclass

LOGIN = "login"  # 302 to the sign-in page with ?next=<the URL asked for>
ROLES = ["anonymous", "social_worker", "coordinator", "director", "outsider"]


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    target: str | None
    expected: dict
    data: str | None = None
    extra: tuple = ()  # URL arguments after the target's pk (a tab of the participant's card)

    def __post_init__(self):
        assert set(self.expected) == set(ROLES), f"{self.name}: one outcome per role"


def expect(anonymous, social_worker, coordinator, director, outsider) -> dict:
    return {
        "anonymous": anonymous,
        "social_worker": social_worker,
        "coordinator": coordinator,
        "director": director,
        "outsider": outsider,
    }


# A participant's card: the team works on it, the director may not see it, others never find it.
OUR_PAGE = expect(LOGIN, 200, 200, 403, 404)
OUR_CHANGE = expect(LOGIN, 302, 302, 403, 404)
THEIR_PAGE = expect(LOGIN, 404, 404, 404, 200)
THEIR_CHANGE = expect(LOGIN, 404, 404, 404, 302)
