"""plan/program.yaml and the example domain plan/domains/d1.yaml of a new commune."""

PROGRAM = """\
# yaml-language-server: $schema=../schema/program.schema.json
# The action program (PAC, برنامج عمل الجماعة) of @COMMUNE_AR@, @START@-@END@.
# Written by `pam init`. The governance and reporting rhythms below are a generic starting point
# taken from decree 2.16.301 and common practice: replace them with those of the commune's own
# project monitoring system (منظومة تتبع المشاريع, decree art. 6(e)).
# The file format: docs/plan-format.md in pam's repository.
id: @ID@
name:
  ar: @NAME_AR@
  fr: @NAME_FR@
commune:
  ar: @COMMUNE_AR_Q@
@COMMUNE_FR_LINE@period:
  start: @START@
  end: @END@
currency: MAD
cost_unit: million
legal_basis:
- "القانون التنظيمي 113.14 المتعلق بالجماعات، المواد 78-80 — Loi organique 113-14 relative aux communes, art. 78-80"
- "المرسوم رقم 2.16.301 الصادر في 29 يونيو 2016 بتحديد مسطرة إعداد برنامج عمل الجماعة وتتبعه وتحيينه وتقييمه — Décret 2.16.301 du 29 juin 2016 : élaboration, suivi, mise à jour et évaluation du PAC"
funding: []
governance:
- id: steering
  name:
    ar: هيأة قيادة برنامج العمل
    fr: Comité de pilotage du programme
  role: "يترأسها رئيس المجلس؛ تتتبع إنجاز المشاريع وتتدارس الصعوبات والحلول البديلة — présidé par le président du conseil ; suit la réalisation des projets, examine les difficultés et les solutions"
  meets: "مرة كل ثلاثة أشهر أو كلما دعت الضرورة — tous les trois mois ou au besoin"
- id: coordinator
  name:
    ar: المنسق العام لبرنامج العمل
    fr: Coordinateur général du programme
  role: "ينسق بين المتدخلين تحت إشراف رئيس المجلس ويرفع التقارير إلى هيأة القيادة — coordonne les intervenants sous l'autorité du président ; rend compte au comité de pilotage"
- id: project-heads
  name:
    ar: رؤساء المشاريع
    fr: Chefs de projet
  role: "إطار من الجماعة لكل مشروع؛ يعبئ بطاقة تتبع المشروع ويعد تقريرا نصف شهري — un cadre de la commune par projet ; remplit la fiche de suivi du projet et un rapport semi-mensuel"
  meets: "اجتماعات نصف شهرية لتتبع الإنجاز — réunions de revue semi-mensuelles"
- id: monitoring-evaluation
  name:
    ar: هيأة التتبع والتقييم
    fr: Comité de suivi et d'évaluation
  role: "رؤساء اللجان الدائمة؛ تقارير عن قيمة الإنجازات ووتيرة تنفيذ المشاريع — présidents des commissions permanentes ; rendent compte de la valeur des réalisations et du rythme d'exécution"
- id: dgs
  name:
    ar: المدير العام للمصالح
    fr: Directeur général des services
  role: "يتلقى التقارير نصف الشهرية ويحيلها إلى المنسق العام — reçoit les rapports semi-mensuels et les transmet au coordinateur"
reporting:
- id: project-card
  name:
    ar: بطاقة تتبع المشروع والتقرير نصف الشهري
    fr: Fiche de suivi du projet et rapport semi-mensuel
  every: half-month
  by: project-heads
  to: dgs
- id: monitoring-report
  name:
    ar: تقرير التتبع
    fr: Rapport de suivi
  every: half-year
  by: "الفريق الجماعي المكلف بالتتبع — l'équipe communale chargée du suivi"
  to: "رئيس المجلس — le président du conseil"
- id: annual-evaluation
  name:
    ar: التقرير السنوي لتقييم برنامج عمل الجماعة
    fr: Rapport annuel d'évaluation du PAC
  every: year
  by: "رئيس المجلس؛ يتضمن نسبة إنجاز المشاريع ومؤشرات الفعالية والموارد المرصودة والعراقيل والحلول المقترحة (المرسوم 2.16.301، المادة 14) — le président ; taux de réalisation, indicateurs, ressources, obstacles, solutions (décret 2.16.301, art. 14)"
  to: "اللجان الدائمة ثم المجلس في أول دورة، ويعلق ملخصه بمقر الجماعة (المادة 15) — commissions permanentes puis le conseil ; résumé affiché au siège de la commune (art. 15)"
- id: steering-review
  name:
    ar: اجتماع هيأة القيادة
    fr: Réunion du comité de pilotage
  every: quarter
  by: steering
thresholds:
  at_risk: -10
  late: -25
  late_share: 25        # a node is late when a quarter of its due actions are late
  unreported_share: 50  # ... unreported when more than half of them have no report
  stale_days: 31
notes:
- "Written by pam init: the bodies and rhythms above are generic. The law requires the annual evaluation report (decree 2.16.301 art. 14) and its publication (art. 15); the program may be updated from its third year (law 113-14 art. 80, decree art. 16). Adapt the rest to the commune's monitoring system."
"""

DOMAIN = """\
# yaml-language-server: $schema=../../schema/domain.schema.json
# EXAMPLE DOMAIN written by `pam init` — replace it with the commune's own program.
# مثال فقط: عوضوا هذا الملف بالمجال الأول من برنامج عمل الجماعة كما صودق عليه،
# وأضيفوا ملفا لكل مجال (d2.yaml, d3.yaml ...).
# Exemple seulement : remplacez ce fichier par le premier domaine du programme adopté,
# et ajoutez un fichier par domaine (d2.yaml, d3.yaml ...).
#
# Ids are explicit and never reused: D1, D1.A1 (axis), D1.A1.P1 (project), D1.A1.P1.01 (action).
# cost: million MAD; "-" = no cost of its own; "*" = cost not fixed yet; left out = blank.
# targets: the CUMULATIVE share done (%) at 31 December of each year, e.g. {2024: 40, 2025: 100}.
# budget: the credits allocated (million MAD) per budget year; funding: who pays (own resources or
# a partner, with its agreement); indicators: physical indicators measured on the cards
# (docs/plan-format.md, "Indicators and money").
id: D1
name:
  ar: "مثال: المرافق والتجهيزات العمومية المحلية"
  fr: "Exemple : équipements et services publics locaux"
notes:
- "EXAMPLE written by pam init: replace this domain with one of the commune's adopted program."
axes:
- id: D1.A1
  name:
    ar: "مثال: البنيات التحتية الأساسية"
    fr: "Exemple : infrastructures de base"
  projects:
  - id: D1.A1.P1
    name:
      ar: "مثال: تهيئة الطرق والإنارة العمومية"
      fr: "Exemple : aménagement des voies et éclairage public"
    actions:
    - id: D1.A1.P1.01
      text: "مثال: إعداد الدراسات التقنية لتهيئة الطرق"
      cost: 0.5
      targets: @TARGETS_1@
      budget: @BUDGET_1@
      funding:
      - {source: own, amount: 0.5}
      notes:
      - "EXAMPLE: a cost of 0.5 million MAD; targets are cumulative (never add them up)."
    - id: D1.A1.P1.02
      text: "مثال: تعميم الإنارة العمومية بالأحياء الناقصة التجهيز"
      cost: "*"
      targets: @TARGETS_2@
      # a partner's share, once an agreement is negotiated (status: planned | negotiating |
      # signed | cancelled):
      # funding:
      # - source: partner
      #   partner: "الجهة — la Région"
      #   amount: 1.2
      #   agreement: {ref: "CONV-...", signed: YYYY-MM-DD, status: signed}
      indicators:
      - id: D1.A1.P1.02.I1
        name:
          ar: "مثال: أعمدة الإنارة المثبتة"
          fr: "Exemple : points lumineux installés"
        unit: "points lumineux"
        baseline: {value: 0}
        targets: @IND_TARGETS_2@
        cumulative: true   # the value reached by 31 December (false: that year's own amount)
        direction: up      # up: more is better; down: less is better
      notes:
      - "EXAMPLE: cost \\"*\\" means the cost is not fixed yet."
      - "EXAMPLE: a physical indicator; project heads give its value on the card, indicators: {D1.A1.P1.02.I1: 120}."
"""
