import Grading
/// The words of the homework pages (plan builder, printable plan, ScoreCard, the trainer's plans).
/// Keys starting `pb_` also reach the plan builder's script.
extension Strings {
    static let allZh = zh.merging(homeworkZh) { first, _ in first }.merging(identityZh) { first, _ in first }
        .merging(classroomZh) { first, _ in first }
        .merging(checkNames(\.chineseName)) { first, _ in first }
    static let allEn = en.merging(homeworkEn) { first, _ in first }.merging(identityEn) { first, _ in first }
        .merging(classroomEn) { first, _ in first }
        .merging(checkNames(\.englishName)) { first, _ in first }

    /// `check_<id>`: the plan checks' names come from the grader, so a new check is named everywhere at once.
    static func checkNames(_ name: KeyPath<PlanCheck, String>) -> [String: String] {
        Dictionary(uniqueKeysWithValues: PlanCheck.allCases.map { ("check_" + $0.rawValue, $0[keyPath: name]) })
    }

    static let homeworkZh: [String: String] = [
        "pb_title": "联合生意计划编辑器", "pb_open": "打开计划编辑器", "pb_review": "生意回顾", "pb_opportunities": "机会排序（按 ROI 提升）",
        "pb_area": "领域", "pb_kind": "类型", "pb_amount": "金额", "pb_roiAfter": "改善后 ROI", "pb_roiDelta": "ROI 提升",
        "pb_chartFigures": "图中数据", "pb_caseTables": "案例数据表", "pb_print": "打印版", "pb_scorecard": "ScoreCard 跟进",
        "pb_pastDue": "已过截止时间：现在提交会标记为迟交", "pb_task": "作业要求", "pb_report": "评分报告", "pb_late": "迟交",
        "pb_bothOpen": "讲师同时开放了两份计划作业：录入了「我的经销商」数据的学员为自己的经销商制定计划，其他学员为课程案例制定计划。已提交的计划都会保留。",
        "pb_toOwn": "改为我的经销商制定计划", "pb_trainerComment": "讲师点评", "pb_needsScript": "计划编辑器需要浏览器启用 JavaScript。",
        "pb_periodStart": "计划开始", "pb_periodEnd": "计划结束", "pb_period": "计划期间", "pb_objective": "目的",
        "pb_objectiveHint": "一句话：这一年和经销商一起要达成什么", "pb_strengths": "优势 S", "pb_weaknesses": "劣势 W",
        "pb_opportunitiesSWOT": "机会 O", "pb_threats": "威胁 T", "pb_oneALine": "每行一条", "pb_goals": "目标",
        "pb_goalsHint": "★ 为驱动指标（会改变预测）；选好指标后，基线自动填入案例当前值。比率可填 0.8 或 80%。",
        "pb_metric": "指标", "pb_baseline": "基线", "pb_target": "目标值", "pb_deadline": "期限", "pb_addGoal": "添加目标",
        "pb_strategies": "策略", "pb_strategyTitle": "策略", "pb_servesGoals": "服务的目标", "pb_budget": "预算",
        "pb_addStrategy": "添加策略", "pb_plans": "行动计划（事·人·物）", "pb_strategy": "所属策略", "pb_taskCol": "事（任务）",
        "pb_owner": "人（负责人）", "pb_resources": "物（资源）", "pb_due": "完成日期", "pb_addPlan": "添加行动",
        "pb_goal": "目标", "pb_frequency": "频率", "pb_addMeasure": "添加衡量", "pb_propose": "按目标生成 ScoreCard",
        "pb_totalBudget": "总预算", "pb_projectedROI": "你预测的 ROI（不计分）", "pb_useProjection": "采用系统预测",
        "pb_periodDefault": "计划期间默认是课程结束后的12个月：", "pb_party": "执行方", "pb_party_maker": "厂家", "pb_party_distributor": "经销商", "pb_party_joint": "双方",
        "pb_cost": "经销商投入", "pb_costHint": "经销商自己花的钱", "pb_planCosts": "经销商投入", "pb_coverageRate": "覆盖率（合计）",
        "pb_credible": "可信目标 {t}", "pb_credibleBy": "{d}前可信目标 {t}", "pb_day": "{m}月{d}日", "pb_beyond": "超出可信范围：测算只按 {t} 计算", "pb_notCounted": "同一指标已有期限更晚的目标，本目标不计入预测",
        "pb_withinReach": "可信",
        "pb_export": "导出 YAML", "pb_import": "导入 YAML", "pb_submit": "提交作业", "pb_projection": "实时预测",
        "pb_projectionHint": "按你的驱动目标推算：每个目标只按截止日期前做得到（可信）的幅度计算，并扣除经销商投入。", "pb_today": "现在", "pb_projected": "预测",
        "pb_change": "变化", "pb_customMetric": "自定义指标", "pb_chooseMetric": "选择指标", "pb_higher": "越高越好",
        "pb_lower": "越低越好", "pb_taskHint": "做什么", "pb_ownerHint": "谁负责", "pb_resourcesHint": "需要什么资源",
        "pb_freq_weekly": "每周", "pb_freq_monthly": "每月", "pb_freq_quarterly": "每季", "pb_remove": "删除",
        "pb_revenue": "销售额", "pb_salesTarget": "销售目标", "pb_netProfit": "净利润", "pb_investment": "占用资金",
        "pb_targetROI": "目标 ROI", "pb_versionDraft": "草稿（最新编辑）", "pb_versionSubmitted": "已提交版本",
        "pb_printTitle": "联合生意计划", "pb_printNow": "打印", "pb_actual": "实际", "pb_status": "状态",
        "pb_submitFirst": "先在计划编辑器里提交你的计划，再记录跟进。", "pb_newCheckIn": "记录一次检查",
        "pb_checkInHint": "填写检查日的实际值；销售额、净利润填年初至今的累计数。同一天再记录一次，就改正了那天的检查。",
        "pb_correcting": "正在改正 {d} 的检查：记录后替换原来的值。", "pb_checkInCorrected": "{d} 的检查已改正。",
        "pb_checkInDeleted": "{d} 的检查已删除。", "pb_edit": "修改", "pb_delete": "删除", "pb_confirmDelete": "删除这次检查？删除后不能恢复。", "pb_date": "检查日期", "pb_record": "记录",
        "pb_noCheckIns": "还没有检查记录。", "pb_measure": "衡量指标", "pb_expected": "应达", "pb_attainment": "达成",
        "pb_trends": "趋势（虚线为应达路径）", "pb_notNumber": "{m} 的值“{v}”不是数字。", "pb_checkInSaved": "检查已记录。",
        "pb_unit_rate": "如 0.52 或 52%", "pb_unit_days": "天数", "pb_unit_money": "金额", "pb_unit_count": "数量",
        "pb_unit_ratio": "数值", "pb_current": "当前", "pb_sumOfBudgets": "策略预算合计", "pb_unsaved": "有未保存的修改…",
        "pb_saving": "保存中…", "pb_saved": "草稿已保存", "pb_saveFailed": "保存失败：", "pb_offline": "网络断开，稍后会再试。",
        "pb_noDrivers": "还没有驱动目标：预测等于现在。", "pb_confirmSubmit": "提交这份计划并评分？提交后仍可修改再提交。",
        "status_green": "绿灯", "status_amber": "黄灯", "status_red": "红灯",
        "tp_plans": "作业计划", "tp_summary": "全班概况", "tp_submitted": "已提交", "tp_lateCount": "迟交",
        "tp_withCheckIns": "有跟进记录", "tp_failedChecks": "未通过的检查", "tp_lastCheckIn": "最近检查", "tp_noPlan": "未提交",
        "tp_draftOnly": "只有草稿", "tp_classScorecard": "全班 ScoreCard（各学员最近一次检查）", "tp_commentSave": "保存点评",
        "tp_planOf": "的计划", "tp_noCheckIns": "还没有检查记录。", "tp_open": "查看",
        "sessionSaved": "课堂信息已保存。", "editSession": "修改课堂名称、日期或作业截止", "clearOverrideHint": "分数留空并保存，即撤销人工改分",
    ]

    static let homeworkEn: [String: String] = [
        "pb_title": "Joint business plan builder", "pb_open": "Open the plan builder", "pb_review": "Business review",
        "pb_opportunities": "Opportunities (by ROI gain)", "pb_area": "Area", "pb_kind": "Kind", "pb_amount": "Amount",
        "pb_roiAfter": "ROI after", "pb_roiDelta": "ROI gain", "pb_chartFigures": "Figures in the chart", "pb_caseTables": "Case tables",
        "pb_print": "Printable plan", "pb_scorecard": "ScoreCard follow-up", "pb_pastDue": "Past the deadline: a plan handed in now is marked late",
        "pb_task": "The assignment", "pb_report": "Graded report", "pb_late": "late by", "pb_trainerComment": "Trainer's comment",
        "pb_bothOpen": "Your trainer opened both plan exercises: trainees who entered their own distributor (My distributor) plan for it, the others for the course case. Plans already handed in are kept.",
        "pb_toOwn": "Plan for my own distributor instead",
        "pb_needsScript": "The plan builder needs JavaScript.", "pb_periodStart": "Period start", "pb_periodEnd": "Period end",
        "pb_period": "Period", "pb_objective": "Objective", "pb_objectiveHint": "One sentence: what you and the distributor will achieve this year",
        "pb_strengths": "Strengths", "pb_weaknesses": "Weaknesses", "pb_opportunitiesSWOT": "Opportunities", "pb_threats": "Threats",
        "pb_oneALine": "one per line", "pb_goals": "Goals",
        "pb_goalsHint": "★ marks driver metrics (they move the projection); picking a metric fills the baseline with the case's current value. Rates as 0.8 or 80%.",
        "pb_metric": "Metric", "pb_baseline": "Baseline", "pb_target": "Target", "pb_deadline": "Deadline", "pb_addGoal": "Add a goal",
        "pb_strategies": "Strategies", "pb_strategyTitle": "Strategy", "pb_servesGoals": "Goals served", "pb_budget": "Budget",
        "pb_addStrategy": "Add a strategy", "pb_plans": "Plans (task, owner, resources)", "pb_strategy": "Strategy", "pb_taskCol": "Task",
        "pb_owner": "Owner", "pb_resources": "Resources", "pb_due": "Due", "pb_addPlan": "Add a task", "pb_goal": "Goal",
        "pb_frequency": "Frequency", "pb_addMeasure": "Add a measure", "pb_propose": "Propose the ScoreCard from the goals",
        "pb_totalBudget": "Total budget", "pb_projectedROI": "Your projected ROI (not graded)", "pb_useProjection": "Use the engine's projection",
        "pb_periodDefault": "By default the plan covers the 12 months after the course:", "pb_party": "Party", "pb_party_maker": "Maker", "pb_party_distributor": "Distributor", "pb_party_joint": "Joint",
        "pb_cost": "Distributor's cost", "pb_costHint": "what the distributor spends", "pb_planCosts": "Distributor's costs", "pb_coverageRate": "Coverage rate (total)",
        "pb_credible": "credible target {t}", "pb_credibleBy": "credible by {d}: {t}", "pb_day": "{m}/{d}", "pb_beyond": "Beyond what is credible: projected at {t}", "pb_notCounted": "Another goal on this metric with a later deadline counts instead",
        "pb_withinReach": "credible",
        "pb_export": "Export YAML", "pb_import": "Import YAML", "pb_submit": "Hand in", "pb_projection": "Live projection",
        "pb_projectionHint": "Projected from your driver goals: each at what is credible by its deadline, less the distributor's own costs.", "pb_today": "Today",
        "pb_projected": "Projected", "pb_change": "Change", "pb_customMetric": "Custom metric", "pb_chooseMetric": "Choose a metric",
        "pb_higher": "higher is better", "pb_lower": "lower is better", "pb_taskHint": "what", "pb_ownerHint": "who",
        "pb_resourcesHint": "with what", "pb_freq_weekly": "weekly", "pb_freq_monthly": "monthly", "pb_freq_quarterly": "quarterly",
        "pb_remove": "Remove", "pb_revenue": "Revenue", "pb_salesTarget": "Sales target", "pb_netProfit": "Net profit",
        "pb_investment": "Investment", "pb_targetROI": "Target ROI", "pb_versionDraft": "draft (latest edits)",
        "pb_versionSubmitted": "as handed in", "pb_printTitle": "Joint business plan", "pb_printNow": "Print", "pb_actual": "Actual",
        "pb_status": "Status", "pb_submitFirst": "Hand in your plan in the plan builder first, then record check-ins.",
        "pb_newCheckIn": "Record a check-in", "pb_checkInHint": "Actual values on the check-in date; revenue and net profit year to date. Recording a day again corrects that day's check-in.",
        "pb_correcting": "Correcting the check-in of {d}: recording replaces its values.", "pb_checkInCorrected": "The check-in of {d} is corrected.",
        "pb_checkInDeleted": "The check-in of {d} is deleted.", "pb_edit": "Edit", "pb_delete": "Delete", "pb_confirmDelete": "Delete this check-in? It cannot be undone.",
        "pb_date": "Date", "pb_record": "Record", "pb_noCheckIns": "No check-ins yet.", "pb_measure": "Measure", "pb_expected": "Expected",
        "pb_attainment": "Attainment", "pb_trends": "Trends (dashed: the glide path)", "pb_notNumber": "The value “{v}” of {m} is not a number.",
        "pb_checkInSaved": "Check-in recorded.", "pb_unit_rate": "e.g. 0.52 or 52%", "pb_unit_days": "days", "pb_unit_money": "amount",
        "pb_unit_count": "count", "pb_unit_ratio": "number", "pb_current": "now", "pb_sumOfBudgets": "sum of strategy budgets",
        "pb_unsaved": "Unsaved changes…", "pb_saving": "Saving…", "pb_saved": "Draft saved", "pb_saveFailed": "Not saved: ",
        "pb_offline": "Offline; will try again.", "pb_noDrivers": "No driver goals yet: the projection equals today.",
        "pb_confirmSubmit": "Hand in this plan for grading? You can still change it and hand it in again.",
        "status_green": "green", "status_amber": "amber", "status_red": "red",
        "tp_plans": "Homework plans", "tp_summary": "Class summary", "tp_submitted": "handed in", "tp_lateCount": "late",
        "tp_withCheckIns": "with check-ins", "tp_failedChecks": "Failed checks", "tp_lastCheckIn": "Last check-in", "tp_noPlan": "not handed in",
        "tp_draftOnly": "draft only", "tp_classScorecard": "Class ScoreCard (each trainee's latest check-in)", "tp_commentSave": "Save comment",
        "tp_planOf": "'s plan", "tp_noCheckIns": "No check-ins yet.", "tp_open": "Open",
        "sessionSaved": "Session saved.", "editSession": "Change the title, dates or homework deadline",
        "clearOverrideHint": "Save with an empty score to clear the override",
    ]
}
