"""README.md of a new commune's repository: a short guide in Arabic and French."""

README = """\
# @COMMUNE_AR@ — برنامج عمل الجماعة @START@-@END@

**Programme d'action de la commune (PAC) @START@-@END@ — @COMMUNE_LABEL@**

هذا المستودع يحفظ برنامج عمل الجماعة وبطاقات تتبع المشاريع. يتحقق منها برنامج `pam` ويعد منها
التقارير، وكل تغيير يسجل في git مع صاحبه وتاريخه.

Ce dépôt contient le programme d'action de la commune et les fiches de suivi des projets.
`pam` les vérifie et en tire les rapports ; git garde chaque modification, avec son auteur et sa date.

| | |
|---|---|
| `plan/program.yaml` | البرنامج: الجماعة، المدة، الحكامة، إيقاع التقارير — le programme : commune, période, gouvernance, rythmes des rapports |
| `plan/domains/d1.yaml` … | مجال في كل ملف: المحاور والمشاريع والإجراءات والكلفة والأهداف السنوية — un domaine par fichier : axes, projets, actions, coûts, cibles annuelles |
| `plan/progress/` | بطاقات تتبع المشاريع، ملف لكل مشروع ولكل نصف شهر — les fiches de suivi, un fichier par projet et par quinzaine |
| `plan/amendments/` | قرارات التحيين — les mises à jour du programme (à partir de la 3e année) |
| `reports/` | التقارير، تنتج آليا — les rapports, produits automatiquement |
| `site/` | الموقع العمومي والمعطيات المفتوحة، ينتج آليا — le site public et les données ouvertes, produits automatiquement |
| `schema/` | لمراقبة الملفات أثناء الكتابة في المحرر — pour vérifier les fichiers dans l'éditeur |

> **مثال — Exemple.** `plan/domains/d1.yaml` مثال فقط: عوضوه بمجالات البرنامج كما صودق عليه
> (ملف لكل مجال). C'est un exemple : remplacez-le par les domaines du programme adopté
> (un fichier par domaine).

## التثبيت — Installation

```sh
pip install "@PAM_SOURCE@"        # pam (ليس pip install pam — pas « pip install pam » : autre paquet)
pip install pre-commit && pre-commit install   # يتحقق من الخطة قبل كل commit — vérifie avant chaque commit
make validate                     # التحقق من الخطة والبطاقات — vérifier le plan et les fiches
```

## المنسق العام — Le coordinateur général

```sh
make status                  # أين وصل البرنامج اليوم — où en est le programme aujourd'hui
make validate                # كل خطأ بمكانه وطريقة إصلاحه — chaque problème, son endroit, sa correction
make reports                 # التقارير في reports/ — les rapports dans reports/
make site                    # الموقع العمومي في site/ — le site public dans site/ (ouvrir site/index.html)
pam diff HEAD                # ما تغير في البرنامج منذ آخر commit — ce qui a changé depuis le dernier commit
pam diff TAG HEAD --format md  # مقارنة نسختين، TAG وسم النسخة المصادق عليها — comparer deux versions (TAG : la version adoptée)
git tag report/@EX_YEAR@-H1 && git push --tags   # بعد نشر تقرير: تجميد بطاقاته — après publication : les fiches sont gelées
```

- يراجع البطاقات التي يرسلها رؤساء المشاريع (pull/merge request) ثم يدمجها.
  Il relit les fiches envoyées par les chefs de projet (pull/merge request) puis les fusionne.
- التحيين ممكن ابتداء من السنة الثالثة (القانون التنظيمي 113.14، المادة 80؛ المرسوم 2.16.301، المادة 16):
  عدلوا ملفات المجالات وأضيفوا القرار في `plan/amendments/`، و`pam diff` يبين التغييرات.
  La mise à jour est possible à partir de la 3e année : modifiez les domaines, ajoutez la
  décision dans `plan/amendments/` ; `pam diff` montre les changements.

## رؤساء المشاريع — Les chefs de projet

كل نصف شهر (`@EX_YEAR@-06a` = من 1 إلى 15 يونيو، `@EX_YEAR@-06b` = من 16 إلى 30 يونيو) يسجل رئيس المشروع
تقدم إجراءاته. Chaque quinzaine, le chef de projet enregistre l'avancement de ses actions :

```sh
pam record D1.A1.P1.01 --date @EX_YEAR@-06-14 --progress 40 --spent 0.2 \\
    --reporter "الاسم — Nom" --note "ملاحظة — remarque"
pam validate --plan plan
git add plan/progress
git commit -m "D1.A1.P1: بطاقة @EX_YEAR@-06a — fiche @EX_YEAR@-06a"
git push
```

أو البطاقة كاملة — ou la fiche entière : `pam card D1.A1.P1 --period @EX_YEAR@-06a`, puis remplir
`plan/progress/D1.A1.P1/@EX_YEAR@-06a.yaml` (التقدم، المصاريف، الحالة، العراقيل، الحلول — avancement,
dépenses, état, obstacles, solutions).

- `progress` تراكمي: النسبة المنجزة إلى حد الآن (0–100) — cumulatif : la part réalisée à ce jour.
- `spent` تراكمي بمليون درهم — cumulatif, en millions de dirhams.
- لا يقبل pam تقدما أقل من التقرير السابق إلا مع `--correction "السبب"` — pam refuse une baisse sans
  `--correction "raison"`.

## التكامل المستمر — Intégration continue

مع كل push، يشغل GitHub Actions (`.github/workflows/pam.yml`) أو GitLab CI (`.gitlab-ci.yml`)
`make validate` ثم `make reports` ثم `make site`، وينشر الموقع العمومي مع تقاريره (Pages) من
الفرع الرئيسي. ما يبقى داخليا يحدده قسم `public:` في `plan/program.yaml`.
À chaque push, GitHub Actions ou GitLab CI lancent `make validate`, `make reports` puis
`make site` ; le site public de la branche principale, avec ses rapports, est publié (Pages).
Ce qui reste interne : la section `public:` de `plan/program.yaml`. Source de pam : variable
`PAM_SOURCE`.
"""
