/// The words of groups, the leaderboard, timers and the big screen, in both languages (the same keys).
extension Strings {
    static let classroomZh: [String: String] = [
        "gr_title": "分组与积分榜", "gr_intro": "把学员分成小组（两天都用同一个分组）：随机分，或者在下面逐个调整、改组名。小组的积分是组员各练习最好成绩之和；积分榜可以公布到学员手机和投影上，也可以随时隐藏。",
        "gr_noTrainees": "还没有学员加入：学员加入后再分组。", "gr_deal": "随机分组", "gr_count": "分成几组", "gr_dealButton": "随机分组",
        "gr_dealAgain": "重新随机分组会替换现在的分组；积分不受影响（积分来自成绩）。", "gr_byHand": "手动调整",
        "gr_ungrouped": "未分组的学员（后来加入的）", "gr_group": "小组", "gr_name": "组名", "gr_none": "不分组", "gr_save": "保存分组",
        "gr_leaderboard": "积分榜", "gr_shown": "已公布", "gr_hidden": "未公布", "gr_show": "公布积分榜", "gr_hide": "隐藏积分榜",
        "gr_scoreRule": "积分 = 每个练习的最好成绩相加（讲师改分、评分标准打分后以讲师的为准）；小组积分 = 组员积分之和。",
        "gr_rank": "名次", "gr_members": "组员", "gr_myGroup": "我的小组", "gr_dealt": "已随机分成 {n} 组。", "gr_saved": "分组已保存。",
        "gr_groupRanking": "小组排名", "gr_traineeRanking": "个人排名",
        "rp_scene": "情境（大家都能看）", "rp_waiting": "讲师还没有发角色：分组、发角色之后，这里会出现你自己的角色卡。", "rp_yourRole": "你的角色",
        "rp_private": "这张角色卡只有你能看到，不要给组里其他人看。", "rp_yourMarks": "观察员给你的打分", "rp_observers": "位观察员",
        "rp_noMarksYet": "观察员还没有打分：会谈结束后他们会在手机上打分。", "rp_observe": "给这位同学打分：", "rp_done": "做到了", "rp_notDone": "没做到",
        "rp_comment": "一条最重要的建议（原话更好）", "rp_send": "提交打分", "rp_update": "修改打分", "rp_saved": "已提交你对 {name} 的打分。",
        "rp_noRole": "你在这个角色扮演里还没有角色：请等讲师发角色。", "rp_deal": "发角色", "rp_dealt": "已在每个小组里发好角色。",
        "ia_facility": "难度（得分率）", "ia_discrimination": "区分度", "ia_weak": "区分度低：这道题可能没有考到要点，或表述有歧义",
        "ia_indicative": "题目分析按每人第一次提交计算（Moodle 的方法）；少于 30 人时只作参考", "sc_screen": "投影视图",
        "wb_title": "学员手册", "wb_hint": "打印或另存为 PDF：每个模块从新的一页开始，练习只有题目、没有答案，空白处可以做笔记。", "wb_name": "姓名", "wb_company": "公司",
        "wb_exercise": "练习", "wb_notes": "笔记", "wb_check": "检查项", "wb_got": "得分", "wb_quote": "原话",
        "sl_exercise": "练习", "sl_keys": "← → 翻页 · F 全屏 · 打印：每页一张", "sl_previousModule": "上一模块", "sl_nextModule": "下一模块", "sl_slides": "幻灯片", "sc_join": "扫码加入课堂", "sc_code": "课堂代码", "sc_joined": "已加入", "sc_answered": "已作答",
    ]

    static let classroomEn: [String: String] = [
        "gr_title": "Groups and leaderboard", "gr_intro": "Put the trainees in groups (the same groups for both days): at random, or adjust and rename them below. A group's score is the sum of its members' best scores; the leaderboard can be shown on the trainees' phones and the big screen, and hidden again at any time.",
        "gr_noTrainees": "Nobody has joined yet: form groups once trainees have joined.", "gr_deal": "Deal at random", "gr_count": "Number of groups", "gr_dealButton": "Deal groups",
        "gr_dealAgain": "Dealing again replaces the groups there are; scores stay (they come from grades).", "gr_byHand": "Adjust by hand",
        "gr_ungrouped": "Trainees in no group (joined later)", "gr_group": "Group", "gr_name": "Name", "gr_none": "none", "gr_save": "Save groups",
        "gr_leaderboard": "Leaderboard", "gr_shown": "shown", "gr_hidden": "hidden", "gr_show": "Show the leaderboard", "gr_hide": "Hide the leaderboard",
        "gr_scoreRule": "Score = the sum of each exercise's best score (the trainer's override or rubric score where there is one); a group's score = its members' scores added up.",
        "gr_rank": "Rank", "gr_members": "Members", "gr_myGroup": "My group", "gr_dealt": "Dealt into {n} groups.", "gr_saved": "Groups saved.",
        "gr_groupRanking": "Groups", "gr_traineeRanking": "Trainees",
        "rp_scene": "The scene (everyone may read it)", "rp_waiting": "The trainer has not dealt the roles yet: once groups are formed and roles dealt, your own role card appears here.", "rp_yourRole": "Your role",
        "rp_private": "Only you see this card: do not show it to the others in your group.", "rp_yourMarks": "Your observers' marks", "rp_observers": "observers",
        "rp_noMarksYet": "No marks yet: the observers mark you on their phones after the meeting.", "rp_observe": "Mark your classmate:", "rp_done": "done", "rp_notDone": "not done",
        "rp_comment": "The one most important piece of advice (their words are best)", "rp_send": "Send the marks", "rp_update": "Change the marks", "rp_saved": "Your marks of {name} are in.",
        "rp_noRole": "You have no role in this role-play yet: wait for the trainer to deal the roles.", "rp_deal": "Deal roles", "rp_dealt": "Roles dealt in every group.",
        "ia_facility": "Facility", "ia_discrimination": "Discrimination", "ia_weak": "low discrimination: the item may miss the point, or be ambiguous",
        "ia_indicative": "Item analysis is over each trainee's first attempt (Moodle's method); with fewer than 30 it is indicative only", "sc_screen": "Big screen",
        "wb_title": "Participant workbook", "wb_hint": "Print or save as PDF: each module starts a page; exercises show their questions without answers; blank space for notes.", "wb_name": "Name", "wb_company": "Company",
        "wb_exercise": "Exercise", "wb_notes": "Notes", "wb_check": "Checklist item", "wb_got": "Points", "wb_quote": "Their words",
        "sl_exercise": "Exercise", "sl_keys": "← → to move · F full screen · print: one slide a page", "sl_previousModule": "Previous module", "sl_nextModule": "Next module", "sl_slides": "Slides", "sc_join": "Scan to join", "sc_code": "Join code", "sc_joined": "Joined", "sc_answered": "Answered",
    ]
}
