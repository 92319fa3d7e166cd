"""A small scripted stand-in for the conversation service, for the harness's own tests."""

from __future__ import annotations

from trialbot.domain.turn import Button, Citation, Incoming, Reply, Turn

TRIAL = "2026-525223-24-00"
NOT_SURE = Button(label="Not sure", value="unknown")


class FakeService:
    """Asks age then sex for one trial; answers anything ending in '?' with a citation."""

    def __init__(self) -> None:
        self.state: dict[str, dict[str, object]] = {}
        self.seen: list[Incoming] = []

    def handle(self, incoming: Incoming) -> Turn:
        """One message in, one turn out (raises on the text 'boom')."""
        self.seen.append(incoming)
        state = self.state.setdefault(incoming.conversation_id, {"verdict": "undetermined"})
        text = (incoming.button or incoming.text or "").strip()
        if text == "boom":
            raise RuntimeError("exploded")
        replies = self._step(state, text)
        verdict = state["verdict"]
        return Turn(
            conversation_id=incoming.conversation_id,
            replies=replies,
            verdicts={TRIAL: verdict},  # type: ignore[dict-item]
        )

    def _step(self, state: dict[str, object], text: str) -> list[Reply]:
        if text == "/start":
            state["pending"] = "age_years"
            return [Reply(kind="notice", text="Hello, I am trialbot."), self._age()]
        if text.endswith("?"):
            cite = Citation(trial_id=TRIAL, section="summary", text="Mifamurtide is given IV.")
            return [Reply(kind="answer", text="It is given into a vein.", citations=[cite])]
        if state.get("pending") == "age_years":
            if not text.isdigit():
                return [Reply(kind="notice", text="Sorry, I did not get that."), self._age()]
            if not 5 <= int(text) <= 30:
                state["verdict"], state["pending"] = "ineligible", None
                return [Reply(kind="summary", text="The study takes people aged 5 to 30.")]
            state["pending"] = "sex"
            buttons = [Button(label="Female", value="female"), Button(label="Male", value="male")]
            return [
                Reply(kind="question", text="Are you female or male?", asks="sex", buttons=buttons)
            ]
        if state.get("pending") == "sex":
            state["verdict"], state["pending"] = "likely_eligible", None
            text = "You may be eligible — the study team makes the decision. Contact Warsaw."
            return [Reply(kind="summary", text=text)]
        return [Reply(kind="notice", text="Type /start to begin.")]

    def _age(self) -> Reply:
        return Reply(kind="question", text="How old are you?", asks="age_years", buttons=[NOT_SURE])
