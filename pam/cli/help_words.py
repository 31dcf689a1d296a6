"""The translated parts of --help: pam's own description and each command's one-line summary,
in French and Arabic (what `pam --help` lists, and the first line of `pam COMMAND --help`).
Options and the longer descriptions stay in English (docs/cli.md); README says so."""

from __future__ import annotations

import inspect

GROUP = {
    "fr": "pam — suivi du programme d'action de la commune (PAC, برنامج عمل الجماعة).\n\n"
          "Le plan est en YAML dans un dossier (par défaut ./plan, ou $PAM_PLAN) ; les chefs de "
          "projet enregistrent leurs fiches de suivi ; le coordinateur lit `pam status`. "
          "Langue : --lang ar|fr|en ou PAM_LANG (les options restent en anglais).",
    "ar": "pam — تتبع برنامج عمل الجماعة (PAC).\n\n"
          "البرنامج ملفات YAML في مجلد (افتراضيا ./plan أو $PAM_PLAN)؛ يسجل رؤساء المشاريع "
          "بطاقات التتبع؛ ويقرأ المنسق `pam status`. اللغة: --lang ar|fr|en أو PAM_LANG "
          "(تبقى الخيارات بالإنجليزية).",
}

SUMMARIES = {
    "validate": ("Vérifie le plan et les fiches ; chaque problème avec sa place et sa correction.",
                 "فحص البرنامج والبطاقات؛ كل مشكلة بمكانها وطريقة تصحيحها."),
    "tree": ("Le plan en arbre : références, noms, nombres, coûts et années des cibles.",
             "البرنامج على شكل شجرة: المراجع والأسماء والأعداد والكلفة وسنوات الأهداف."),
    "show": ("Un élément en entier : noms, coût, cibles, lignes sources et notes.",
             "عنصر كامل: الأسماء والكلفة والأهداف وأسطر المصدر والملاحظات."),
    "schema": ("Écrit les schémas JSON des fichiers du plan, pour les éditeurs.",
               "كتابة مخططات JSON لملفات البرنامج، للمحررات."),
    "record": ("Enregistre l'avancement d'une action dans la fiche de son projet.",
               "تسجيل تقدم إجراء واحد في بطاقة مشروعه لنصف الشهر."),
    "card": ("Écrit une fiche à remplir par le chef de projet (valeurs vides, les dernières "
             "à côté).",
             "كتابة بطاقة يملؤها رئيس المشروع (خانات فارغة وآخر القيم بجانبها)."),
    "status": ("Où en est le programme : prévu et réalisé, écart, situation, budget, qui doit "
               "agir.",
               "أين وصل البرنامج: المتوقع والمنجز والفارق والوضعية والكلفة، ومن عليه أن يتدخل."),
    "history": ("Les fiches d'une action dans le temps, à côté de sa courbe prévue.",
                "بطاقات إجراء عبر الزمن بجانب منحنى المتوقع."),
    "demo": ("Écrit un espace d'EXEMPLE : le plan et des fiches SIMULÉES.",
             "كتابة فضاء مثال: البرنامج وبطاقات محاكاة."),
    "explain": ("Comment les chiffres d'une action ou d'un élément ont été calculés.",
                "كيف احتسبت أرقام إجراء أو عنصر."),
    "report": ("Écrit un rapport que demande le décret, en arabe ou en français.",
               "كتابة تقرير ينص عليه المرسوم، بالعربية أو بالفرنسية."),
    "export": ("Tableaux pour les tableurs, un projet TaskJuggler, un paquet pour pam rollup, "
               "ou les données ouvertes (datapackage, IATI, OC4IDS, Decidim).",
               "جداول للبرامج الجدولية، أو مشروع TaskJuggler، أو حزمة لـ pam rollup، أو "
               "المعطيات المفتوحة (datapackage وIATI وOC4IDS وDecidim)."),
    "site": ("Écrit le site public du programme (pages en arabe et en français, données "
             "ouvertes), sans serveur.",
             "كتابة الموقع العمومي للبرنامج (صفحات بالعربية والفرنسية ومعطيات مفتوحة) بدون "
             "خادم."),
    "diff": ("Compare le plan entre deux révisions git, ou deux dossiers.",
             "مقارنة البرنامج بين نسختين في git أو مجلدين."),
    "init": ("Crée le dépôt d'une commune : plan, Makefile, CI, README.",
             "إنشاء مستودع جماعة: البرنامج وMakefile والتكامل المستمر وREADME."),
    "import": ("Construit un dossier de plan depuis le tableur de la commune.",
               "بناء مجلد البرنامج من جدول الجماعة."),
    "template": ("Écrit un classeur PAC vide à la forme de pam, à remplir.",
                 "كتابة مصنف PAC فارغ بشكل pam، للملء."),
    "rollup": ("Compare les communes à une date à partir de leurs paquets (province, région, "
               "ministère) : les chiffres de pam status de chacune, classées.",
               "مقارنة الجماعات في تاريخ واحد انطلاقا من حزمها (العمالة أو الإقليم، الجهة، "
               "الوزارة): أرقام pam status لكل جماعة، مرتبة."),
}


def translate(app, lang: str) -> None:
    """Put the summaries of `lang` (fr, ar) on the app's commands and group, before click
    builds them; English (the docstrings) otherwise."""
    if lang not in GROUP:
        return
    index = 0 if lang == "fr" else 1
    app.info.help = GROUP[lang]
    for info in app.registered_commands:
        name = info.name or info.callback.__name__.removesuffix("_cmd")
        if name in SUMMARIES:
            english = inspect.cleandoc(info.callback.__doc__ or "")
            info.help = SUMMARIES[name][index] + "\n\n" + english
