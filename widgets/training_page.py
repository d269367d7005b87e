"""The training page (研修): trainers walk staff through the guideline with the model server's
prepared scenarios, one §4 category at a time — a safe attempt that goes through screening to
the training model (and, where the scenario plants an error, the review that must catch it),
and unsafe attempts that screening stops (personal data, a confidentiality marking).

Every attempt is a real session through the same engine rules, but in the training area: its
own store, chain head and archive (`anshin.settings.training_settings`), a local gateway to a
`training_only` service, records marked 研修用. Nothing here reaches the real records or a
real model, even on a Hub where staff pages otherwise use the gateway service.
"""

from __future__ import annotations

import html
import threading
from typing import TYPE_CHECKING

import ipywidgets as w

from anshin.identity import Person
from anshin.model_server.scenarios import Scenario, load_scenarios
from widgets import texts
from widgets.controls import button, show
from widgets.frame import SuspensionBanner
from widgets.guard import Notice, guarded
from widgets.highlight import highlight_html, plain_html
from widgets.screening import warm_up_screening

if TYPE_CHECKING:
    from anshin.app import Anshin

BANNER_STYLE = ("padding:8px 12px;margin:6px 0;background:#fff3d6;border:2px solid #d9a21b;"
                "border-radius:4px;font-weight:bold;color:#6b4a00")
TAG_STYLE = ("display:inline-block;padding:0 8px;margin-right:8px;background:#7a5200;color:#fff;"
             "border-radius:3px;font-weight:bold")


def tagged(title: str) -> str:
    """A heading that says 研修 on every view of the page."""
    return (f'<h3 style="margin:12px 0 4px;color:#1f5f99"><span class="anshin-training-tag" '
            f'style="{TAG_STYLE}">{html.escape(texts.TRAINING_TAG)}</span>{html.escape(title)}</h3>')


class TrainingPage:
    def __init__(self, app: Anshin, person: Person) -> None:
        self.person = person
        self.policy = app.policy
        self.engine = app.training.sessions
        self.service_id = app.training.service_id
        self.scenarios = load_scenarios()
        self.notice = Notice("anshin-training-notice")
        guard = guarded(self.notice)

        banner = w.HTML(f'<div role="note" style="{BANNER_STYLE}">'
                        f"{html.escape(texts.TRAINING_BANNER)}</div>")
        banner.add_class("anshin-training-banner")
        categories = [c for c in self.policy.categories if self._scenarios_of(c.id)]
        self.category = w.Dropdown(options=[(c.display, c.id) for c in categories],
                                   description=texts.TRAINING_CATEGORY,
                                   style={"description_width": "initial"},
                                   layout=w.Layout(width="95%"))
        self.category.add_class("anshin-training-category")
        self.scenario = w.Dropdown(description=texts.TRAINING_SCENARIO,
                                   style={"description_width": "initial"},
                                   layout=w.Layout(width="95%"))
        self.scenario.add_class("anshin-training-scenario")
        self.prompt = w.HTML()
        self.prompt.add_class("anshin-training-prompt")
        safe = button(texts.TRAINING_SAFE, "anshin-training-safe", style="primary")
        personal = button(texts.TRAINING_UNSAFE_PERSONAL, "anshin-training-unsafe-personal",
                          style="danger")
        confidential = button(texts.TRAINING_UNSAFE_CONFIDENTIAL,
                              "anshin-training-unsafe-confidential", style="danger")
        reset = button(texts.TRAINING_RESET, "anshin-training-reset")
        self.buttons = (safe, personal, confidential)
        safe.on_click(guard(lambda _b: self.try_safe()))
        personal.on_click(guard(lambda _b: self.try_unsafe(texts.TRAINING_PERSONAL_DATA, "")))
        confidential.on_click(guard(lambda _b: self.try_unsafe("", texts.TRAINING_CONFIDENTIAL_MARK)))
        reset.on_click(guard(lambda _b: self.reset()))

        self.result = w.VBox()
        self.result.add_class("anshin-training-result")
        self.flaw = w.HTML()
        self.flaw.add_class("anshin-training-flaw")
        self.reveal = button(texts.TRAINING_REVEAL, "anshin-training-reveal")
        self.reveal.on_click(guard(lambda _b: self._reveal()))
        self.result_box = w.VBox([w.HTML(tagged(texts.TRAINING_RESULT_TITLE)), self.result,
                                  self.reveal, self.flaw])
        self.result_box.add_class("anshin-training-result-box")
        show(self.result_box, False)

        self.category.observe(lambda _c: self._fill_scenarios(), names="value")
        self.scenario.observe(lambda _c: self._show_prompt(), names="value")
        self._fill_scenarios()
        lead = w.HTML(tagged(texts.TRAINING_LEAD))
        self.widget = w.VBox([banner, lead, self.category, self.scenario, self.prompt,
                              w.HBox([safe, personal, confidential, reset],
                                     layout=w.Layout(flex_flow="row wrap")),
                              self.notice, self.result_box])
        self.widget.add_class("anshin-training")
        if self.service_id is None:
            self.notice.error(texts.TRAINING_NO_SERVICE)
            safe.disabled = True

    # -- choosing ------------------------------------------------------------------------------
    def _scenarios_of(self, category_id: str | None) -> list[Scenario]:
        """The scenarios of the kinds of work the policy trains under this use category."""
        category = self.policy.category(category_id) if category_id else None
        tasks = category.training_tasks if category else ()
        return [s for s in self.scenarios if s.task in tasks]

    def _fill_scenarios(self) -> None:
        chosen = self._scenarios_of(self.category.value)
        self.scenario.options = [
            (s.title if s.flaw is None or "誤り" in s.title else s.title + texts.TRAINING_FLAWED_MARK, s.id)
            for s in chosen]
        self.scenario.value = chosen[0].id if chosen else None
        self._show_prompt()

    def current(self) -> Scenario:
        return next(s for s in self.scenarios if s.id == self.scenario.value)

    def _show_prompt(self) -> None:
        if self.scenario.value is None:
            self.prompt.value = ""
            return
        self.prompt.value = (f"<b>{html.escape(texts.TRAINING_PROMPT_TITLE)}</b>"
                             + plain_html(self.current().prompt, "anshin-training-prompt-text"))
        self.reset(keep_scenario=True)

    # -- attempts ------------------------------------------------------------------------------
    def _declared(self, scenario: Scenario) -> str:
        sid = self.engine.start_session(self.person).session_id
        category = self.policy.category(self.category.value)
        self.engine.declare_purpose(
            sid, self.person, category=self.category.value,
            purpose=texts.TRAINING_PURPOSE.format(title=scenario.title),
            intended_use=texts.TRAINING_INTENDED_USE,
            reason=texts.TRAINING_REASON if category and category.reason_required else None,
            service_id=self.service_id)
        return sid

    def try_safe(self) -> None:
        """The scenario's own prompt: screened, confirmed, sent to the training model."""
        scenario = self.current()
        self._start()
        sid = self._declared(scenario)
        _view, findings = self.engine.check_input(sid, self.person, scenario.prompt)
        warned = [f"{f.start}:{f.end}:{f.category}" for f in findings if f.severity == "warn"]
        self.engine.confirm_input(sid, self.person, scenario.prompt, acknowledged=warned,
                                  attest_publishable=True)
        self.notice.show(texts.TRAINING_SENDING)
        output = w.HTML()
        output.add_class("anshin-training-output")
        self.result.children = [w.HTML(highlight_html(scenario.prompt, findings)), output]
        received: list[str] = []
        lock = threading.Lock()

        def on_token(piece: str) -> None:
            with lock:
                received.append(piece)
                output.value = plain_html("".join(received), "anshin-training-output-text")

        view = self.engine.generate(sid, self.person, on_token=on_token)
        output.value = plain_html(view.output or "", "anshin-training-output-text")
        self.notice.show(texts.TRAINING_SAFE_DONE, "ok")
        lines = [texts.TRAINING_FLAW_NOTICE if scenario.flaw else texts.TRAINING_NO_FLAW_NOTICE,
                 texts.TRAINING_RECORD.format(session_id=sid)]
        self.result.children = [*self.result.children, self._lines(lines, "anshin-training-review")]
        show(self.reveal, scenario.flaw is not None)

    def try_unsafe(self, suffix: str, prefix: str) -> None:
        """The prompt with personal data or a confidentiality marking: screening stops it."""
        scenario = self.current()
        self._start()
        sid = self._declared(scenario)
        text = prefix + scenario.prompt + suffix
        view, findings = self.engine.check_input(sid, self.person, text)
        blocked = [f for f in findings if f.severity == "block"]
        warned = [f for f in findings if f.severity == "warn"]
        if blocked:
            message, kind = texts.TRAINING_BLOCKED.format(count=len(blocked)), "error"
        elif warned:
            message, kind = texts.TRAINING_WARNED.format(count=len(warned)), "warn"
        else:
            message, kind = texts.TRAINING_NOT_CAUGHT, "warn"
        self.notice.show(message, kind)
        findings_list = "".join(
            f'<li class="anshin-training-finding anshin-training-finding-{html.escape(f.category)}">'
            + html.escape(texts.TRAINING_FINDING.format(found=text[f.start:f.end], message=f.message_ja))
            + "</li>" for f in findings)
        self.result.children = [
            w.HTML(highlight_html(text, findings, css="anshin-highlight anshin-training-screening")),
            w.HTML(f"<ul>{findings_list}</ul>"),
            self._lines([texts.TRAINING_BLOCKED_HINT, texts.TRAINING_RECORD.format(session_id=sid)],
                        "anshin-training-blocked"),
        ]
        self.engine.abandon(view.session_id, self.person, texts.TRAINING_REASON)

    def _start(self) -> None:
        self.notice.clear()
        self.flaw.value = ""
        show(self.reveal, False)
        show(self.result_box)

    def _reveal(self) -> None:
        flaw = self.current().flaw or ""
        self.flaw.value = (f'<div style="margin:6px 0;padding:8px;border-left:4px solid #a8200d">'
                           f"<b>{html.escape(texts.TRAINING_FLAW_TITLE)}</b>"
                           f"{plain_html(flaw, 'anshin-training-flaw-text')}</div>")

    def reset(self, keep_scenario: bool = False) -> None:
        """Clear the attempt; the training records already written stay in the training area."""
        self.result.children = []
        self.flaw.value = ""
        show(self.reveal, False)
        show(self.result_box, False)
        if not keep_scenario:
            self.notice.show(texts.TRAINING_RESET_DONE)
        else:
            self.notice.clear()

    @staticmethod
    def _lines(lines: list[str], css: str) -> w.HTML:
        box = w.HTML("".join(f"<div>{html.escape(line)}</div>" for line in lines))
        box.add_class(css)
        return box


prepare = warm_up_screening  # run before the request (widgets.pages)


def build(app: Anshin, person: Person, _banner: SuspensionBanner) -> w.Widget:
    """The `_BUILDERS` entry for the training page."""
    return TrainingPage(app, person).widget

