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
        "sc_screen": "投影视图", "sc_join": "扫码加入课堂", "sc_code": "课堂代码", "sc_joined": "已加入", "sc_answered": "已作答",
    ]

    static let classroomEn: [String: String] = [
        "gr_title": "Groups and leaderboard", "gr_intro": "Put the trainees in groups (the same groups for both days): at random, or adjust and rename them below. A group's score is the sum of its members' best scores; the leaderboard can be shown on the trainees' phones and the big screen, and hidden again at any time.",
        "gr_noTrainees": "Nobody has joined yet: form groups once trainees have joined.", "gr_deal": "Deal at random", "gr_count": "Number of groups", "gr_dealButton": "Deal groups",
        "gr_dealAgain": "Dealing again replaces the groups there are; scores stay (they come from grades).", "gr_byHand": "Adjust by hand",
        "gr_ungrouped": "Trainees in no group (joined later)", "gr_group": "Group", "gr_name": "Name", "gr_none": "none", "gr_save": "Save groups",
        "gr_leaderboard": "Leaderboard", "gr_shown": "shown", "gr_hidden": "hidden", "gr_show": "Show the leaderboard", "gr_hide": "Hide the leaderboard",
        "gr_scoreRule": "Score = the sum of each exercise's best score (the trainer's override or rubric score where there is one); a group's score = its members' scores added up.",
        "gr_rank": "Rank", "gr_members": "Members", "gr_myGroup": "My group", "gr_dealt": "Dealt into {n} groups.", "gr_saved": "Groups saved.",
        "sc_screen": "Big screen", "sc_join": "Scan to join", "sc_code": "Join code", "sc_joined": "Joined", "sc_answered": "Answered",
    ]
}
