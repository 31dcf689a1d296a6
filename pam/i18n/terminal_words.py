"""The words of the command line in English, French and Arabic (pam.i18n.terminal uses them).

WORDS: key -> {"en", "fr", "ar"} texts with {placeholders}; NOUNS: counted nouns by CLDR
plural category (pam.render.words.plural). Statuses and column names in French and Arabic
are the reports' own (pam/i18n/fr.json and ar.json), so that a coordinator reads the same
words on the screen and in the council's documents; English ones are below.
"""

from __future__ import annotations

STATUS_EN = {"done": "done", "late": "late", "at_risk": "at risk", "unreported": "unreported",
             "on_track": "on track", "not_due": "not due", "no_target": "no target",
             "cancelled": "cancelled"}
COLUMNS_EN = {"id": "id", "action": "action", "project": "project", "status": "status",
              "last_report": "last report", "last_card": "last card", "head": "head"}


def _w(en: str, fr: str, ar: str) -> dict:
    return {"en": en, "fr": fr, "ar": ar}


def _noun(en: tuple[str, str], fr: tuple[str, str], ar: dict) -> dict:
    """English and French (singular, plural) forms and the Arabic CLDR forms of a noun."""
    return {"en": {"one": en[0], "other": en[1]},
            "fr": {"one": fr[0], "other": fr[1]}, "ar": ar}


def _ar(word: str, two: str, few: str, many: str | None = None) -> dict:
    return {"zero": f"{{n}} {word}", "one": f"{{n}} {word}", "two": two, "few": f"{{n}} {few}",
            "many": f"{{n}} {many or word}", "other": f"{{n}} {word}"}


NOUNS = {
    "actions": _noun(("{n} action", "{n} actions"), ("{n} action", "{n} actions"),
                     _ar("إجراء", "إجراءان", "إجراءات")),
    "due_actions": _noun(("{n} due action", "{n} due actions"),
                         ("{n} action due", "{n} actions dues"),
                         _ar("إجراء مبرمج", "إجراءان مبرمجان", "إجراءات مبرمجة",
                             "إجراء مبرمجا")),
    "costed_actions": _noun(("{n} costed action", "{n} costed actions"),
                            ("{n} action chiffrée", "{n} actions chiffrées"),
                            _ar("إجراء محدد الكلفة", "إجراءان محددا الكلفة",
                                "إجراءات محددة الكلفة")),
    "reported_actions": _noun(("{n} reported action", "{n} reported actions"),
                              ("{n} action renseignée", "{n} actions renseignées"),
                              _ar("إجراء له تقرير", "إجراءان لهما تقرير",
                                  "إجراءات لها تقرير")),
    "without_report": _noun(("{n} without a report", "{n} without a report"),
                            ("{n} sans fiche", "{n} sans fiche"),
                            _ar("بدون تقرير", "اثنان بدون تقرير", "بدون تقرير")),
    "left_out.no_target": _noun(("{n} without a target", "{n} without a target"),
                                ("{n} sans cible", "{n} sans cible"),
                                _ar("بدون هدف", "اثنان بدون هدف", "بدون هدف")),
    "left_out.cancelled": _noun(("{n} cancelled", "{n} cancelled"),
                                ("{n} annulée", "{n} annulées"),
                                _ar("ملغى", "اثنان ملغيان", "ملغاة")),
    "left_out.dropped": _noun(("{n} dropped by an amendment", "{n} dropped by an amendment"),
                              ("{n} retirée par une mise à jour",
                               "{n} retirées par une mise à jour"),
                              _ar("محذوف بالتحيين", "اثنان محذوفان بالتحيين",
                                  "محذوفة بالتحيين")),
    "left_out.added": _noun(("{n} added after the baseline", "{n} added after the baseline"),
                            ("{n} ajoutée après le programme adopté",
                             "{n} ajoutées après le programme adopté"),
                            _ar("مضاف بعد المصادقة", "اثنان مضافان بعد المصادقة",
                                "مضافة بعد المصادقة")),
    "cards": _noun(("{n} card", "{n} cards"), ("{n} fiche", "{n} fiches"),
                   _ar("بطاقة", "بطاقتان", "بطاقات")),
    "expected_cards": _noun(("{n} expected card", "{n} expected cards"),
                            ("{n} fiche attendue", "{n} fiches attendues"),
                            _ar("بطاقة منتظرة", "بطاقتين منتظرتين", "بطاقات منتظرة")),
    "missing_cards": _noun(("{n} card missing", "{n} cards missing"),
                           ("{n} fiche manquante", "{n} fiches manquantes"),
                           _ar("بطاقة ناقصة", "بطاقتان ناقصتان", "بطاقات ناقصة")),
    "domains": _noun(("{n} domain", "{n} domains"), ("{n} domaine", "{n} domaines"),
                     _ar("مجال", "مجالان", "مجالات", "مجالا")),
    "axes": _noun(("{n} axis", "{n} axes"), ("{n} axe", "{n} axes"),
                  _ar("محور", "محوران", "محاور", "محورا")),
    "projects": _noun(("{n} project", "{n} projects"), ("{n} projet", "{n} projets"),
                      _ar("مشروع", "مشروعان", "مشاريع", "مشروعا")),
    "heads": _noun(("{n} project head", "{n} project heads"),
                   ("{n} chef de projet", "{n} chefs de projet"),
                   _ar("رئيس مشروع", "رئيسا مشروعين", "رؤساء مشاريع")),
    "files": _noun(("{n} file", "{n} files"), ("{n} fichier", "{n} fichiers"),
                   _ar("ملف", "ملفان", "ملفات", "ملفا")),
    "errors": _noun(("{n} error", "{n} errors"), ("{n} erreur", "{n} erreurs"),
                    _ar("خطأ", "خطآن", "أخطاء", "خطأ")),
    "warnings": _noun(("{n} warning", "{n} warnings"),
                      ("{n} avertissement", "{n} avertissements"),
                      _ar("تنبيه", "تنبيهان", "تنبيهات", "تنبيها")),
    "times": _noun(("{n} time", "{n} times"), ("{n} fois", "{n} fois"),
                   _ar("مرة", "مرتان", "مرات")),
    "rows": _noun(("{n} row", "{n} rows"), ("{n} ligne", "{n} lignes"),
                  _ar("سطر", "سطران", "أسطر", "سطرا")),
}

WORDS = {
    # --- the header of pam status ------------------------------------------------------
    "head.as_of": _w("as of {date}", "situation au {date}", "الوضعية بتاريخ {date}"),
    "head.capped": _w("(--as-of {asked} is after the end of the program: measured at its "
                      "last day)",
                      "(--as-of {asked} est après la fin du programme : mesuré à son dernier "
                      "jour)",
                      "(--as-of {asked} بعد نهاية البرنامج: القياس في آخر يوم منه)"),
    "head.figures": _w("planned {planned}   actual {actual}   variance {variance} pts",
                       "prévu {planned}   réalisé {actual}   écart {variance} pts",
                       "المتوقع {planned}   المنجز {actual}   الفارق {variance} نقطة"),
    "head.weighted": _w("weighted by cost: planned {planned}   actual {actual}   variance "
                        "{variance} pts   ({costed}, {weight} M MAD)",
                        "pondéré par le coût : prévu {planned}   réalisé {actual}   écart "
                        "{variance} pts   ({costed}, {weight} M MAD)",
                        "مرجح بالكلفة: المتوقع {planned}   المنجز {actual}   الفارق "
                        "{variance} نقطة   ({costed}، {weight} مليون درهم)"),
    "head.reported_only": _w("over the {reported} only: planned {planned}   actual {actual}",
                             "sur les {reported} seulement : prévu {planned}   réalisé "
                             "{actual}",
                             "على {reported} فقط: المتوقع {planned}   المنجز {actual}"),
    "head.of_them_done": _w("({count} of them done)", "(dont {count} achevées)",
                            "(منها {count} منجزة)"),
    "head.means": _w("in the means: {measured} of {actions}; left out: {left_out}; counted "
                     "as 0%: {zero}",
                     "dans les moyennes : {measured} sur {actions} ; écartées : {left_out} ; "
                     "comptées 0 % : {zero}",
                     "في المتوسطات: {measured} من {actions}؛ خارجها: {left_out}؛ محتسبة "
                     "0%: {zero}"),
    "head.programmed": _w("programmed (due by this date): {due}, {due_done} of them done; "
                          "projects: {done} done, {in_progress} in progress, {not_started} not "
                          "started, {late} late; completion rate of the programmed projects "
                          "{programmed_done} of {programmed} ({rate})",
                          "programmées (dues à cette date) : {due}, dont {due_done} achevées ; "
                          "projets : {done} achevés, {in_progress} en cours, {not_started} non "
                          "commencés, {late} en retard ; taux de réalisation des projets "
                          "programmés {programmed_done} sur {programmed} ({rate})",
                          "المبرمجة (حان أجلها في هذا التاريخ): {due}، منها {due_done} منجزة؛ "
                          "المشاريع: {done} منجزة، {in_progress} في طور الإنجاز، "
                          "{not_started} لم تنطلق، {late} متأخرة؛ نسبة إنجاز المشاريع "
                          "المبرمجة {programmed_done} من {programmed} ({rate})"),
    "head.budget": _w("cost {cost} M MAD   earned (EV) {ev}   paid (AC) {ac}   SPI {spi}   "
                      "CPI {cpi}",
                      "coût {cost} M MAD   valeur acquise (EV) {ev}   payé (AC) {ac}   "
                      "SPI {spi}   CPI {cpi}",
                      "الكلفة {cost} مليون درهم   القيمة المنجزة (EV) {ev}   المؤدى (AC) "
                      "{ac}   SPI {spi}   CPI {cpi}"),
    "head.money": _w("money: allocated {allocated}   committed {committed}   paid {paid}   "
                     "paid/allocated {paid_rate}   committed/cost {committed_rate}",
                     "finances : crédits ouverts {allocated}   engagé {committed}   payé {paid}"
                     "   payé/ouvert {paid_rate}   engagé/coût {committed_rate}",
                     "المالية: الاعتمادات المرصودة {allocated}   الالتزامات {committed}   "
                     "الأداءات {paid}   الأداءات/المرصود {paid_rate}   الالتزامات/الكلفة "
                     "{committed_rate}"),
    "head.funding": _w("funding: own {own} ({own_share})   partners {partner} ({partner_share}),"
                       " {signed} of it under signed agreements   coverage {coverage} of the "
                       "cost",
                       "financement : propre {own} ({own_share})   partenaires {partner} "
                       "({partner_share}), dont {signed} sous convention signée   couverture "
                       "{coverage} du coût",
                       "التمويل: الذاتي {own} ({own_share})   الشركاء {partner} "
                       "({partner_share})، منها {signed} بموجب اتفاقيات موقعة   التغطية "
                       "{coverage} من الكلفة"),
    "head.alarms": _w("alarms: {alarms} (actions listed below)",
                      "alertes : {alarms} (actions listées plus bas)",
                      "إنذارات: {alarms} (الإجراءات مبينة أسفله)"),
    "alarm.spending_ahead": _w("spending ahead", "dépense en avance", "إنفاق متقدم"),
    "alarm.indicator_stalled": _w("indicator stalled", "indicateur immobile", "مؤشر متوقف"),
    "head.counts": _w("{actions}:", "{actions} :", "{actions}:"),
    "head.program": _w("program:", "programme :", "البرنامج:"),
    "head.shown_node": _w("shown: {kind} {id} {name}:", "affiché : {kind} {id} {name} :",
                          "المعروض: {kind} {id} {name}:"),
    "head.shown_only": _w("shown: {shown} of {total}, status {statuses}",
                          "affichées : {shown} sur {total}, situation {statuses}",
                          "المعروض: {shown} من {total}، الوضعية: {statuses}"),
    "kind.domain": _w("domain", "domaine", "المجال"),
    "kind.axis": _w("axis", "axe", "المحور"),
    "kind.project": _w("project", "projet", "المشروع"),
    "kind.program": _w("program", "programme", "البرنامج"),
    "word.none": _w("none", "aucune", "لا شيء"),
    "word.stale": _w("stale", "sans nouvelles", "بدون تقرير حديث"),
    "word.never": _w("never", "jamais", "لا توجد"),
    # --- the status rule that fired ------------------------------------------------------
    "rule.empty": _w("no action", "aucune action", "بدون إجراء"),
    "rule.all-cancelled": _w("every action cancelled", "toutes les actions annulées",
                             "كل الإجراءات ملغاة"),
    "rule.all-done": _w("every action done", "toutes les actions achevées",
                        "كل الإجراءات منجزة"),
    "rule.no-target": _w("no action has a target", "aucune action n'a de cible",
                         "لا هدف لأي إجراء"),
    "rule.nothing-due": _w("nothing due yet", "rien n'est encore dû", "لم يحن أجل أي إجراء"),
    "rule.mostly-unreported": _w("{count} of {due} unreported",
                                 "{count} sur {due} non renseignées",
                                 "{count} من {due} بدون تقرير"),
    "rule.late-share": _w("{count} of {due} late", "{count} sur {due} en retard",
                          "{count} من {due} متأخرة"),
    "rule.late-below": _w("{count} of {due} late", "{count} sur {due} en retard",
                          "{count} من {due} متأخرة"),
    "rule.at-risk-share": _w("{count} of {due} late or at risk",
                             "{count} sur {due} en retard ou à risque",
                             "{count} من {due} متأخرة أو مهددة"),
    "rule.variance": _w("variance below the at-risk threshold",
                        "écart sous le seuil de risque", "الفارق دون عتبة الخطر"),
    "rule.on-track": _w("{due}", "{due}", "{due}"),
    # --- the view -------------------------------------------------------------------------
    "view.no_card_yet": _w("No progress card yet (plan/progress/ is empty): project heads "
                           "record them with `pam record` or `pam card`; `make run` shows an "
                           "example.",
                           "Aucune fiche de suivi pour l'instant (plan/progress/ est vide) : "
                           "les chefs de projet les enregistrent avec `pam record` ou "
                           "`pam card` ; `make run` montre un exemple.",
                           "لا توجد أي بطاقة تتبع بعد (المجلد plan/progress/ فارغ): يسجلها "
                           "رؤساء المشاريع بالأمر `pam record` أو `pam card`؛ `make run` يعرض "
                           "مثالا."),
    "view.left_out": _w("{cards} left out of these figures, because of errors (every other "
                        "card is counted):",
                        "{cards} écartées de ces chiffres, à cause d'erreurs (toutes les autres "
                        "fiches sont comptées) :",
                        "{cards} غير محتسبة في هذه الأرقام بسبب أخطاء (باقي البطاقات "
                        "محتسبة):"),
    "view.left_out_fix": _w("Fix them: pam validate FILE shows every problem of a file "
                            "(--strict refuses to show figures without them).",
                            "Corrigez-les : pam validate FICHIER montre chaque problème d'un "
                            "fichier (--strict refuse de montrer des chiffres sans elles).",
                            "صححوها: pam validate FILE يعرض كل مشاكل الملف (مع --strict يرفض "
                            "pam عرض أرقام بدونها)."),
    "view.and_more": _w("… and {count} more", "… et {count} de plus", "… و{count} أخرى"),
    "view.more": _w("… and {count} more ({command} lists them all)",
                    "… et {count} de plus ({command} les liste toutes)",
                    "… و{count} أخرى ({command} يعرضها كلها)"),
    "view.none_selected": _w("No action has this status at this date.",
                             "Aucune action n'est dans cette situation à cette date.",
                             "لا يوجد أي إجراء في هذه الوضعية في هذا التاريخ."),
    # --- columns (the reports' words in French and Arabic where they have one) -------------
    "col.name": _w("name", "nom", "الاسم"),
    "col.text": _w("text", "libellé", "النص"),
    "col.plan": _w("plan", "prévu", "المتوقع"),
    "col.done": _w("done", "réalisé", "المنجز"),
    "col.var": _w("var", "écart", "الفارق"),
    "col.progress": _w("progress", "avancement", "التقدم"),
    "col.stale_actions": _w("stale actions", "actions sans nouvelles",
                            "إجراءات بدون تقرير حديث"),
    "col.unreported_actions": _w("unreported actions", "actions non renseignées",
                                 "إجراءات بدون تقرير"),
    "col.alarm": _w("alarm", "alerte", "الإنذار"),
    "col.paid_of_cost": _w("paid of cost", "payé / coût", "المؤدى / الكلفة"),
    "col.indicators": _w("indicators (actual/plan)", "indicateurs (réalisé/prévu)",
                         "المؤشرات (المنجز/المتوقع)"),
    "col.indicator": _w("indicator", "indicateur", "المؤشر"),
    "col.unit": _w("unit", "unité", "الوحدة"),
    "col.expected": _w("expected", "attendues", "المنتظرة"),
    "col.received": _w("received", "reçues", "المتوصل بها"),
    "col.late": _w("late", "en retard", "متأخرة"),
    "col.missing": _w("missing", "manquantes", "الناقصة"),
    # --- legend ----------------------------------------------------------------------------
    "legend.plan": _w("plan/done: planned and actual %, simple mean over the actions with a "
                      "target (unreported: 0%)",
                      "prévu/réalisé : % prévu et réalisé, moyenne simple des actions qui ont "
                      "une cible (non renseignée : 0 %)",
                      "المتوقع/المنجز: النسبة المتوقعة والمنجزة، متوسط بسيط للإجراءات التي لها "
                      "هدف (بدون تقرير: 0%)"),
    "legend.var": _w("var = done − plan as shown, in points",
                     "écart = réalisé − prévu tels qu'affichés, en points",
                     "الفارق = المنجز − المتوقع كما يظهران، بالنقط"),
    "legend.var.bar": _w("var = done − plan as shown, in points; progress: █ done, │ planned",
                         "écart = réalisé − prévu tels qu'affichés, en points ; avancement : "
                         "█ réalisé, │ prévu",
                         "الفارق = المنجز − المتوقع كما يظهران، بالنقط؛ التقدم: █ المنجز، "
                         "│ المتوقع"),
    "legend.lru": _w("L/R/U: late / at risk / unreported actions",
                     "L/R/U : actions en retard / à risque / non renseignées",
                     "L/R/U: الإجراءات المتأخرة / المهددة بالتأخر / بدون تقرير"),
    "legend.money": _w("EV, earned value: each action's cost × its share done; AC: paid; "
                       "SPI = EV ÷ the value planned by now (below 1: behind schedule); "
                       "CPI = EV ÷ AC (below 1: costing more than planned)",
                       "EV, valeur acquise : coût de chaque action × sa part réalisée ; AC : "
                       "payé ; SPI = EV ÷ valeur prévue à date (sous 1 : en retard sur le "
                       "calendrier) ; CPI = EV ÷ AC (sous 1 : coûte plus que prévu)",
                       "EV، القيمة المنجزة: كلفة كل إجراء × نسبة إنجازه؛ AC: المؤدى؛ SPI = EV ÷ "
                       "القيمة المتوقعة حتى التاريخ (أقل من 1: تأخر عن البرمجة)؛ CPI = EV ÷ AC "
                       "(أقل من 1: كلفة أكبر من المتوقع)"),
    "legend.rules": _w("The rules: README 'How the figures are computed'; pam explain ID "
                       "shows them applied.",
                       "Les règles : README « How the figures are computed » ; pam explain ID "
                       "les montre appliquées.",
                       "القواعد: README «How the figures are computed»؛ pam explain ID يبين "
                       "تطبيقها."),
    # --- lists ----------------------------------------------------------------------------
    "list.project_actions": _w("Actions of the project", "Actions du projet",
                               "إجراءات المشروع"),
    "list.selected": _w("Actions shown: {statuses}", "Actions affichées : {statuses}",
                        "الإجراءات المعروضة: {statuses}"),
    "list.late": _w("Late actions", "Actions en retard", "الإجراءات المتأخرة"),
    "list.at_risk": _w("At-risk actions", "Actions à risque", "الإجراءات المهددة بالتأخر"),
    "list.alarms": _w("Divergence alarms ({count})", "Alertes de divergence ({count})",
                      "إنذارات التباعد ({count})"),
    "list.indicators_behind": _w("Indicators behind their plan ({count})",
                                 "Indicateurs en retard sur leur prévision ({count})",
                                 "مؤشرات متأخرة عن توقعاتها ({count})"),
    "list.stale": _w("Stale projects: no report for a month or more ({count})",
                     "Projets sans nouvelles : aucune fiche depuis un mois ou plus ({count})",
                     "مشاريع بدون تقرير حديث: لا بطاقة منذ شهر أو أكثر ({count})"),
    "list.unreported": _w("Projects with due actions never reported ({count})",
                          "Projets dont des actions dues n'ont jamais été renseignées "
                          "({count})",
                          "مشاريع لها إجراءات حان أجلها دون أي تقرير ({count})"),
    # --- reporting discipline -------------------------------------------------------------
    "disc.title": _w("Reporting discipline since {since}:",
                     "Régularité des fiches depuis le {since} :", "انتظام البطاقات منذ {since}:"),
    "disc.received": _w("{got} of {expected} received ({rate}%), {missing} missing; "
                        "{received} received in all",
                        "{got} sur {expected} reçues ({rate} %), {missing} manquantes ; "
                        "{received} reçues en tout",
                        "{got} من {expected} متوصل بها ({rate}%)، {missing} ناقصة؛ "
                        "{received} متوصل بها إجمالا"),
    "disc.finished": _w("({count} from finished projects)", "(dont {count} de projets achevés)",
                        "(منها {count} من مشاريع منجزة)"),
    "disc.late": _w("late: {count}", "en retard : {count}", "متأخرة: {count}"),
    "disc.unknown": _w("and {count} of unknown arrival ({why})",
                       "et {count} d'arrivée inconnue ({why})",
                       "و{count} مجهولة تاريخ الوصول ({why})"),
    "disc.why.no-git": _w("the plan is not in a git repository",
                          "le plan n'est pas dans un dépôt git", "البرنامج ليس في مستودع git"),
    "disc.why.shallow": _w("a shallow clone: the cards' first commits are unknown",
                           "un clone superficiel : les premiers commits des fiches sont "
                           "inconnus",
                           "نسخة git جزئية: أول إيداع للبطاقات غير معروف"),
    "disc.why.not-committed": _w("cards not committed to git yet",
                                 "fiches pas encore enregistrées dans git",
                                 "بطاقات لم تودع في git بعد"),
    "disc.legend": _w("late: ? arrival unknown, ≥ N at least N late (see above why)",
                      "en retard : ? arrivée inconnue, ≥ N au moins N en retard (voir "
                      "ci-dessus pourquoi)",
                      "متأخرة: ? تاريخ الوصول مجهول، ≥ N على الأقل N متأخرة (السبب أعلاه)"),
    # --- the agenda (pam status --by head) ------------------------------------------------
    "agenda.title": _w("Agenda of the half-monthly review, as of {date}: who must act on what",
                       "Ordre du jour de la réunion de suivi semi-mensuelle, au {date} : qui "
                       "doit agir sur quoi",
                       "جدول أعمال اجتماع التتبع نصف الشهري بتاريخ {date}: من عليه أن يتدخل "
                       "وفي ماذا"),
    "agenda.nothing": _w("Nothing to discuss: no action late, at risk, stale or unreported, "
                         "no card missing.",
                         "Rien à discuter : aucune action en retard, à risque, sans nouvelles "
                         "ou non renseignée, aucune fiche manquante.",
                         "لا شيء للمناقشة: لا إجراء متأخر أو مهدد أو بدون تقرير، ولا بطاقة "
                         "ناقصة."),
    "agenda.summary": _w("{heads}, {projects} to discuss", "{heads}, {projects} à examiner",
                         "{heads}، {projects} للمناقشة"),
    "agenda.summary_no_head": _w("{projects} to discuss", "{projects} à examiner",
                                 "{projects} للمناقشة"),
    "agenda.no_head": _w("(no head named in the plan)",
                         "(aucun chef de projet désigné dans le plan)",
                         "(لا رئيس مشروع معين في البرنامج)"),
    "agenda.group": _w("{projects}, {actions} to act on, {cards}",
                       "{projects}, {actions} à traiter, {cards}",
                       "{projects}، {actions} تستدعي التدخل، {cards}"),
    "agenda.name_heads": _w("Name each project's head (and service) in its domain file: "
                            "head: \"...\", service: \"...\" (docs/plan-format.md).",
                            "Désignez le chef (et le service) de chaque projet dans son "
                            "fichier de domaine : head: \"...\", service: \"...\" "
                            "(docs/plan-format.md).",
                            "عينوا رئيس كل مشروع (ومصلحته) في ملف مجاله: head: \"...\"، "
                            "service: \"...\" (docs/plan-format.md)."),
    # --- messages ------------------------------------------------------------------------
    "msg.bad_date": _w("{option} '{value}' is not a date: write it YYYY-MM-DD (e.g. "
                       "2019-06-14), today or yesterday",
                       "{option} '{value}' n'est pas une date : écrivez-la AAAA-MM-JJ (par "
                       "exemple 2019-06-14), today ou yesterday",
                       "{option} '{value}' ليس تاريخا: اكتبوه بالشكل YYYY-MM-DD (مثلا "
                       "2019-06-14)، أو today أو yesterday"),
    "msg.bad_number": _w("{option} '{value}' is not a number: write it like 12.5 (12,5 and "
                         "١٢٫٥ are read too)",
                         "{option} '{value}' n'est pas un nombre : écrivez-le comme 12.5 (12,5 "
                         "et ١٢٫٥ sont lus aussi)",
                         "{option} '{value}' ليس عددا: اكتبوه مثل 12.5 (يقرأ pam أيضا 12,5 "
                         "و١٢٫٥)"),
    "msg.read_number": _w("note: read {option} '{value}' as {number} (pam writes numbers with "
                          "the digits 0-9 and a decimal point)",
                          "note : {option} '{value}' lu comme {number} (pam écrit les nombres "
                          "avec les chiffres 0-9 et un point décimal)",
                          "ملاحظة: قرئ {option} '{value}' على أنه {number} (يكتب pam الأعداد "
                          "بالأرقام 0-9 وبنقطة عشرية)"),
    "msg.unknown_status": _w("unknown status '{value}'.{hint} Use one of: {known} (or the "
                             "words the screen prints: LATE, AT RISK, ...)",
                             "situation inconnue '{value}'.{hint} Choisissez parmi : {known} "
                             "(ou les mots que l'écran affiche : EN RETARD, À RISQUE, ...)",
                             "وضعية غير معروفة '{value}'.{hint} اختاروا من: {known} (أو "
                             "الكلمات التي تعرضها الشاشة: متأخر، مهدد بالتأخر، ...)"),
    "msg.conflict": _w("{a} and {b} cannot be used together: {a} applies to the text view "
                       "only",
                       "{a} et {b} ne vont pas ensemble : {a} ne s'applique qu'à la vue texte",
                       "لا يمكن الجمع بين {a} و{b}: {a} يخص العرض النصي فقط"),
    "msg.not_in_domain": _w("--project {project} is not in --domain {domain}: give one of "
                            "them, or a project of that domain",
                            "--project {project} n'est pas dans --domain {domain} : donnez "
                            "l'un des deux, ou un projet de ce domaine",
                            "--project {project} ليس ضمن --domain {domain}: اذكروا أحدهما، أو "
                            "مشروعا من هذا المجال"),
    "msg.left_out_not_read": _w("note: {cards} not read because of errors (a card of "
                                "another project does not block this command):",
                                "note : {cards} non lues à cause d'erreurs (une fiche d'un "
                                "autre projet ne bloque pas cette commande) :",
                                "ملاحظة: {cards} لم تقرأ بسبب أخطاء (بطاقة مشروع آخر لا تمنع "
                                "هذا الأمر):"),
    "msg.plan_errors": _w("{errors} in the plan{more}; fix them first (pam validate --plan "
                          "{plan} lists every problem)",
                          "{errors} dans le plan{more} ; corrigez-les d'abord (pam validate "
                          "--plan {plan} liste chaque problème)",
                          "{errors} في البرنامج{more}؛ صححوها أولا (pam validate --plan {plan} "
                          "يعرض كل المشاكل)"),
    "msg.first_50": _w(" (the first 50 shown)", " (les 50 premières affichées)",
                       " (عرضت الخمسون الأولى)"),
    # --- pam validate --------------------------------------------------------------------
    "validate.summary": _w("{files} checked: {errors}, {warnings}",
                           "vérification de {files} : {errors}, {warnings}",
                           "فحص {files}: {errors}، {warnings}"),
    "validate.not_valid": _w("not valid", "non valide", "غير صالح"),
    "validate.group": _w("warning[{code}] {times}, e.g. {example}",
                         "warning[{code}] {times}, par exemple {example}",
                         "warning[{code}] {times}، مثلا {example}"),
    "validate.all_hint": _w("(one line per kind of warning: pam validate --all lists each)",
                            "(une ligne par sorte d'avertissement : pam validate --all les "
                            "liste tous)",
                            "(سطر لكل نوع من التنبيهات: pam validate --all يعرضها كلها)"),
    "validate.no_file": _w("{file}: no such file", "{file} : ce fichier n'existe pas",
                           "{file}: لا يوجد هذا الملف"),
    "validate.not_in_given_plan": _w("{file} is not in the plan folder {plan}: give a file "
                                     "of that plan, or leave --plan out",
                                     "{file} n'est pas dans le dossier de plan {plan} : "
                                     "donnez un fichier de ce plan, ou retirez --plan",
                                     "{file} ليس في مجلد البرنامج {plan}: اذكروا ملفا من هذا "
                                     "البرنامج، أو احذفوا --plan"),
    "validate.not_in_plan": _w("{file} is not in a plan folder (one that holds program.yaml); "
                               "give a file of the plan, or --plan DIR",
                               "{file} n'est pas dans un dossier de plan (un dossier qui "
                               "contient program.yaml) ; donnez un fichier du plan, ou "
                               "--plan DOSSIER",
                               "{file} ليس في مجلد برنامج (مجلد يحتوي program.yaml)؛ اذكروا "
                               "ملفا من البرنامج، أو --plan DIR"),
    "validate.two_plans": _w("the files belong to different plans ({plans}): check one plan "
                             "at a time",
                             "les fichiers sont de plans différents ({plans}) : vérifiez un "
                             "plan à la fois",
                             "الملفات من برامج مختلفة ({plans}): افحصوا برنامجا واحدا في كل "
                             "مرة"),
    # --- pam card and pam record ---------------------------------------------------------
    "card.after_end": _w("note: the program ended on {end}: this card is for its last half "
                         "month, {period} (--period chooses another)",
                         "note : le programme a pris fin le {end} : cette fiche est celle de "
                         "sa dernière quinzaine, {period} (--period en choisit une autre)",
                         "ملاحظة: انتهى البرنامج في {end}: هذه البطاقة لآخر نصف شهر منه، "
                         "{period} (--period لاختيار غيره)"),
    "card.exists": _w("{path} already exists: edit it, or use pam record to change one action",
                      "{path} existe déjà : modifiez-le, ou changez une action avec pam record",
                      "{path} موجود من قبل: عدلوه، أو غيروا إجراء واحدا بالأمر pam record"),
    "card.wrote": _w("wrote {path}: fill in every empty value (progress, committed, paid, "
                     "indicators), then pam validate {path} and git commit",
                     "fiche écrite : {path} ; remplissez chaque valeur vide (progress, "
                     "committed, paid, indicateurs), puis pam validate {path} et git commit",
                     "كتبت البطاقة {path}: املؤوا كل خانة فارغة (progress، committed، paid، "
                     "المؤشرات)، ثم pam validate {path} وgit commit"),
    "record.usage": _w("give ACTION_ID, --date and --progress (or --from FILE.xlsx)",
                       "donnez ACTION_ID, --date et --progress (ou --from FICHIER.xlsx)",
                       "اذكروا ACTION_ID و--date و--progress (أو --from FILE.xlsx)"),
    "record.was": _w(" (was {previous}%)", " (avant : {previous} %)",
                     " (كان {previous}%)"),
    "record.created": _w("created {path}: {action} {progress}% on {date}{before}. Review it, "
                         "then commit: git add {path}",
                         "fiche créée : {path} : {action} {progress} % au {date}{before}. "
                         "Relisez-la, puis enregistrez-la : git add {path}",
                         "أنشئت البطاقة {path}: {action} {progress}% بتاريخ {date}{before}. "
                         "راجعوها ثم سجلوها: git add {path}"),
    "record.updated": _w("updated {path}: {action} {progress}% on {date}{before}. Review it, "
                         "then commit: git add {path}",
                         "fiche mise à jour : {path} : {action} {progress} % au "
                         "{date}{before}. Relisez-la, puis enregistrez-la : git add {path}",
                         "حينت البطاقة {path}: {action} {progress}% بتاريخ {date}{before}. "
                         "راجعوها ثم سجلوها: git add {path}"),
    # --- pam tree and pam show ----------------------------------------------------------
    "tree.no_targets": _w("no targets", "sans cibles", "بدون أهداف"),
    "tree.cost": _w("{cost} M MAD", "{cost} M MAD", "{cost} مليون درهم"),
    "tree.cost_short": _w("{cost} M", "{cost} M", "{cost} م.د"),
    "tree.without_cost": _w("({count} without cost)", "({count} sans coût)",
                            "({count} بدون كلفة)"),
    "tree.no_cost": _w("no cost (-)", "sans coût propre (-)", "بدون كلفة خاصة (-)"),
    "tree.not_fixed": _w("cost not fixed (*)", "coût non fixé (*)", "كلفة غير محددة (*)"),
    "tree.blank": _w("cost blank", "coût vide", "كلفة فارغة"),
    # --- pam history ---------------------------------------------------------------------
    "history.target": _w("target", "cible", "الهدف"),
    "history.correction": _w("correction: {reason}", "correction : {reason}",
                             "تصحيح: {reason}"),
    "history.date": _w("date", "date", "التاريخ"),
    "history.period": _w("period", "quinzaine", "الفترة"),
    "history.committed": _w("committed", "engagé", "الالتزامات"),
    "history.paid": _w("paid", "payé", "الأداءات"),
    "history.indicator": _w("indicator", "indicateur", "المؤشر"),
    "history.ind_plan": _w("ind. plan", "ind. prévu", "المؤشر المتوقع"),
    "history.ind_actual": _w("ind. actual", "ind. mesuré", "المؤشر المقيس"),
    "history.state": _w("state", "état", "الحالة"),
    "history.note": _w("note", "observation", "ملاحظة"),
    "history.none": _w("No report yet for this action.",
                       "Aucune fiche pour l'instant pour cette action.",
                       "لا توجد أي بطاقة لهذا الإجراء بعد."),
    "msg.did_you_mean": _w("Did you mean '{word}'?", "Vouliez-vous dire '{word}' ?",
                           "هل تقصدون '{word}'؟"),
    "msg.no_id": _w("no {label} '{id}'.{hint} (pam tree lists the ids)",
                    "aucun élément '{id}' ({label}).{hint} (pam tree liste les références)",
                    "لا يوجد '{id}' ({label}).{hint} (pam tree يعرض المراجع)"),
    "msg.wrote": _w("wrote {path}", "écrit : {path}", "كتب: {path}"),
    "record.no_action": _w("no action '{id}' in the plan.{hint} (pam tree lists the ids)",
                           "aucune action '{id}' dans le plan.{hint} (pam tree liste les "
                           "références)",
                           "لا يوجد إجراء '{id}' في البرنامج.{hint} (pam tree يعرض المراجع)"),
    "record.lower": _w("progress {progress}% is lower than the {before}% reported on {date}: "
                       "progress is cumulative. If the earlier figure was wrong, record again "
                       "with --correction \"<reason>\"",
                       "l'avancement {progress} % est inférieur aux {before} % déclarés le "
                       "{date} : l'avancement est cumulé. Si le chiffre précédent était faux, "
                       "enregistrez à nouveau avec --correction \"<raison>\"",
                       "التقدم {progress}% أقل من {before}% المصرح به بتاريخ {date}: التقدم "
                       "تراكمي. إذا كان الرقم السابق خاطئا، أعيدوا التسجيل مع --correction "
                       "\"<السبب>\""),
    "record.later": _w("a later report ({date}) says {later}%, lower than {progress}%; record "
                       "with --correction \"<reason>\" if this is a correction",
                       "une fiche plus récente ({date}) dit {later} %, moins que {progress} % ; "
                       "enregistrez avec --correction \"<raison>\" s'il s'agit d'une "
                       "correction",
                       "بطاقة لاحقة ({date}) تقول {later}%، أقل من {progress}%؛ سجلوا مع "
                       "--correction \"<السبب>\" إن كان هذا تصحيحا"),
    "record.range": _w("progress {progress} is outside 0-100: give the cumulative percent done",
                       "l'avancement {progress} est hors de 0-100 : donnez le pourcentage "
                       "cumulé réalisé",
                       "التقدم {progress} خارج 0-100: اذكروا النسبة المنجزة التراكمية"),
    "record.spent": _w("spent {spent} must be a positive amount in million MAD",
                       "le dépensé {spent} doit être un montant positif en millions de MAD",
                       "المصروف {spent} يجب أن يكون مبلغا موجبا بملايين الدراهم"),
    "record.amount": _w("{name} {value} must be a positive amount in million MAD",
                        "{name} {value} doit être un montant positif en millions de MAD",
                        "{name} {value} يجب أن يكون مبلغا موجبا بملايين الدراهم"),
    "record.spent_paid": _w("--spent is the older name of --paid: give one of them",
                            "--spent est l'ancien nom de --paid : donnez l'un des deux",
                            "--spent هو الاسم القديم لـ--paid: اذكروا أحدهما فقط"),
    "record.indicator_lower": _w(
        "indicator {id} {value} is lower than the {last} measured on {date}: it is cumulative "
        "and goes up. If the earlier value was wrong, record again with --correction "
        "\"<reason>\"",
        "l'indicateur {id} {value} est inférieur aux {last} mesurés le {date} : il est cumulé "
        "et croît. Si la valeur précédente était fausse, enregistrez à nouveau avec "
        "--correction \"<raison>\"",
        "المؤشر {id} {value} أقل من {last} المقيس بتاريخ {date}: هو تراكمي وتصاعدي. إذا كانت "
        "القيمة السابقة خاطئة، أعيدوا التسجيل مع --correction \"<السبب>\""),
    "record.indicator_higher": _w(
        "indicator {id} {value} is higher than the {last} measured on {date}: it is "
        "cumulative and goes down. If the earlier value was wrong, record again with "
        "--correction \"<reason>\"",
        "l'indicateur {id} {value} est supérieur aux {last} mesurés le {date} : il est cumulé "
        "et décroît. Si la valeur précédente était fausse, enregistrez à nouveau avec "
        "--correction \"<raison>\"",
        "المؤشر {id} {value} أعلى من {last} المقيس بتاريخ {date}: هو تراكمي وتنازلي. إذا "
        "كانت القيمة السابقة خاطئة، أعيدوا التسجيل مع --correction \"<السبب>\""),
    "record.bad_indicator": _w("--indicator {item!r}: write ID=VALUE, e.g. --indicator "
                               "D1.A1.P1.02.I1=4.5",
                               "--indicator {item!r} : écrivez ID=VALEUR, par exemple "
                               "--indicator D1.A1.P1.02.I1=4.5",
                               "--indicator {item!r}: اكتبوا ID=VALUE، مثلا --indicator "
                               "D1.A1.P1.02.I1=4.5"),
    "record.outside": _w("{date} is outside the program period {start}-{end}",
                         "{date} est hors de la période du programme {start}-{end}",
                         "{date} خارج مدة البرنامج {start}-{end}"),
    "record.future": _w("{date} is in the future (today is {today}); a card records what was "
                        "done",
                        "{date} est dans le futur (nous sommes le {today}) ; une fiche "
                        "enregistre ce qui a été fait",
                        "{date} في المستقبل (اليوم {today})؛ البطاقة تسجل ما أنجز"),
    "record.state": _w("state '{state}' is not one of: {states}.{hint}",
                       "l'état '{state}' n'est pas l'un de : {states}.{hint}",
                       "الحالة '{state}' ليست من: {states}.{hint}"),
    "record.who": _w("who reports? The plan names no head for {project} and it has no card yet: "
                     "give --reporter \"<name>\" (it is written on the card), or set "
                     "PAM_REPORTER once for all your records",
                     "qui établit la fiche ? Le plan ne désigne pas de chef pour {project} et "
                     "il n'a pas encore de fiche : donnez --reporter \"<nom>\" (écrit sur la "
                     "fiche), ou réglez PAM_REPORTER une fois pour toutes",
                     "من يعد البطاقة؟ لا يعين البرنامج رئيسا للمشروع {project} وليست له بطاقة "
                     "بعد: اذكروا --reporter \"<الاسم>\" (يكتب في البطاقة)، أو حددوا "
                     "PAM_REPORTER مرة واحدة لكل تسجيلاتكم"),
    "record.own_broken": _w("{file} has an error, so {project}'s cards cannot all be read: fix "
                            "it first (pam validate {file}), then record again.",
                            "{file} a une erreur, les fiches de {project} ne peuvent donc pas "
                            "toutes être lues : corrigez-la d'abord (pam validate {file}), puis "
                            "enregistrez à nouveau.",
                            "في {file} خطأ، فلا يمكن قراءة كل بطاقات {project}: صححوه أولا "
                            "(pam validate {file})، ثم أعيدوا التسجيل."),
    "msg.refused": _w("refused:", "refusé :", "مرفوض:"),
    "msg.capped": _w("note: --as-of {asked} is after the end of the program: measured at its "
                     "last day, {end}",
                     "note : --as-of {asked} est après la fin du programme : mesuré à son "
                     "dernier jour, le {end}",
                     "ملاحظة: --as-of {asked} بعد نهاية البرنامج: القياس في آخر يوم منه، {end}"),
}
