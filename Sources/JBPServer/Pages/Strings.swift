import Grading

/// The pages' words in Chinese (the course's language) and English (the switch), for the
/// grader's `Language`: one language type from the grader's feedback to the page around it.
extension Language {
    /// The words of every page in this language, by key (the same keys in both: a test says so).
    public var strings: [String: String] {
        switch self {
        case .zh: return Strings.allZh
        case .en: return Strings.allEn
        }
    }

    var htmlLang: String { self == .zh ? "zh-CN" : "en" }
}

enum Strings {
    static let zh: [String: String] = [
        "app": "生意回顾与联合生意计划", "switchLanguage": "English", "switchTo": "en",
        "home": "首页", "join": "加入课堂", "joinCode": "课堂代码", "yourName": "你的名字", "joinButton": "加入",
        "continueAs": "继续学习：", "trainerLogin": "讲师登录", "trainerName": "讲师账号", "password": "密码", "logIn": "登录",
        "logOut": "退出", "sessions": "课堂", "newSession": "新建课堂", "title": "名称", "startsOn": "开始日期",
        "endsOn": "结束日期", "homeworkDue": "作业截止", "timeZone": "时区", "timeZoneHint": "课堂所在地的时区；留空则用服务器的时区", "create": "创建", "noSessions": "还没有课堂。",
        "controlRoom": "课堂控制台", "joinURL": "加入链接", "trainees": "学员", "modules": "模块", "exercises": "练习",
        "open": "开放", "close": "关闭", "reveal": "公布答案", "hide": "隐藏答案", "isOpen": "已开放", "isClosed": "未开放",
        "isRevealed": "答案已公布", "dashboard": "实时看板", "roster": "成绩单", "exportCSV": "导出成绩 CSV",
        "regrade": "重新评分", "submissions": "提交", "meanScore": "平均分", "correctRate": "正确率",
        "misconceptions": "常见错误", "spread": "答案分布", "scoreSpread": "得分分布", "question": "题目", "total": "总分",
        "attempts": "次数", "lastSubmission": "最后提交", "override": "人工改分", "score": "分数", "comment": "评语",
        "save": "保存", "rubric": "评分标准", "automatic": "自动评分", "course": "课程", "minutes": "分钟",
        "objectives": "学习目标", "submit": "提交答案", "attemptsLeft": "剩余次数", "unlimited": "不限",
        "yourGrade": "你的得分", "expected": "正确答案", "given": "你的答案", "correct": "正确", "wrong": "错误",
        "closedExercise": "练习尚未开放。", "closedNow": "讲师已关闭本练习：你的答案保留在下面，不能再提交。",
        "confirmBlank": "还有 {n} 题没有填写。仍要提交吗？", "confirmLast": "这是最后一次提交机会，提交后不能再改。确定提交？",
        "fixFields": "这次没有提交成功，也不算一次提交：请修改标出的 {n} 处，你填的答案都还在。", "nothingAnswered": "你还没有填写任何答案：没有提交，也不算一次提交。",
        "refusedClosed": "讲师已关闭本练习，这次提交没有被接受；你填的答案还在下面。",
        "refusedTimeUp": "时间到了，练习已截止，这次提交没有被接受；你填的答案还在下面。", "timeLeft": "剩余时间", "timeUp": "时间到", "timeUpClosed": "时间到了，练习已截止。",
        "openFor": "限时开放", "closesAt": "截止", "refusedNoAttempts": "提交次数已用完，这次提交没有被接受；你填的答案还在下面。",
        "gradeTop": "本次得分", "firstWrong": "第一个错题", "fullReport": "看完整评分", "noAttempts": "已用完所有次数。", "mySubmissions": "我的提交",
        "noSubmissions": "还没有提交。", "solution": "参考解答", "variantFigures": "你的案例数据（请用这组数字计算）",
        "awaitsTrainer": "待讲师评分", "back": "返回",
        "rankingHint": "按顺序填写领域名称（覆盖、终端、库存、物流、财务、团队中的几项），用顿号或逗号分隔", "numberHint": "可填 1,902,000 或 9.19% 或 190.2万",
        "segment_key": "重点", "segment_potential": "潜力", "segment_advantaged": "优势", "segment_general": "一般",
        "choose": "请选择", "updatedLive": "每 3 秒自动更新", "trainee": "学员", "exercise": "练习", "answers": "答案",
        "openExercises": "正在进行的练习", "scanToJoin": "手机扫码加入", "changed": "个分数有变化", "regraded": "份已重新评分",
        "item": "题", "answered": "作答", "status": "状态", "noneYet": "暂无",
    ]

    static let en: [String: String] = [
        "app": "Business Review and Joint Business Planning", "switchLanguage": "中文", "switchTo": "zh",
        "home": "Home", "join": "Join a class", "joinCode": "Join code", "yourName": "Your name", "joinButton": "Join",
        "continueAs": "Continue as ", "trainerLogin": "Trainer sign-in", "trainerName": "Trainer", "password": "Password",
        "logIn": "Sign in", "logOut": "Sign out", "sessions": "Sessions", "newSession": "New session", "title": "Title",
        "startsOn": "Starts on", "endsOn": "Ends on", "homeworkDue": "Homework due", "timeZone": "Time zone", "timeZoneHint": "Where the class is; blank for the server's zone", "create": "Create",
        "noSessions": "No sessions yet.", "controlRoom": "Control room", "joinURL": "Join link", "trainees": "Trainees",
        "modules": "Modules", "exercises": "Exercises", "open": "Open", "close": "Close", "reveal": "Reveal answers",
        "hide": "Hide answers", "isOpen": "open", "isClosed": "closed", "isRevealed": "answers revealed",
        "dashboard": "Live dashboard", "roster": "Roster", "exportCSV": "Export grades (CSV)", "regrade": "Regrade",
        "submissions": "Submissions", "meanScore": "Mean score", "correctRate": "Correct", "misconceptions": "Common mistakes",
        "spread": "Spread of answers", "scoreSpread": "Spread of scores", "question": "Question", "total": "Total",
        "attempts": "Attempts", "lastSubmission": "Last submission", "override": "Override score", "score": "Score",
        "comment": "Comment", "save": "Save", "rubric": "Rubric", "automatic": "Automatic", "course": "Course",
        "minutes": "min", "objectives": "Objectives", "submit": "Submit", "attemptsLeft": "Attempts left",
        "unlimited": "unlimited", "yourGrade": "Your grade", "expected": "Expected", "given": "Your answer",
        "correct": "right", "wrong": "wrong", "closedExercise": "This exercise is not open.", "closedNow": "The trainer has closed this exercise: your answers stay below, but cannot be handed in.",
        "confirmBlank": "{n} question(s) are blank. Hand in anyway?", "confirmLast": "This is your last attempt; it cannot be changed afterwards. Hand in?",
        "fixFields": "Not handed in, and no attempt used: fix the {n} marked place(s); your answers are all still here.", "nothingAnswered": "Nothing is answered yet: nothing was handed in and no attempt used.",
        "refusedClosed": "The trainer has closed this exercise; this was not handed in. Your answers are still below.",
        "refusedTimeUp": "Time is up: the exercise has closed and this was not handed in. Your answers are still below.", "timeLeft": "Time left", "timeUp": "Time is up", "timeUpClosed": "Time is up: the exercise has closed.",
        "openFor": "Open for", "closesAt": "closes", "refusedNoAttempts": "No attempts left; this was not handed in. Your answers are still below.",
        "gradeTop": "Your score", "firstWrong": "First wrong answer", "fullReport": "Full report",
        "noAttempts": "No attempts left.", "mySubmissions": "My submissions", "noSubmissions": "No submissions yet.",
        "solution": "Solution", "variantFigures": "Your case figures", "awaitsTrainer": "awaiting the trainer",
        "back": "Back",
        "rankingHint": "Areas in order, separated by commas (e.g. coverage, team, inventory)",
        "numberHint": "1,902,000 or 9.19% or 190.2万 all work", "segment_key": "key", "segment_potential": "potential",
        "segment_advantaged": "advantaged", "segment_general": "general", "choose": "Choose",
        "updatedLive": "updates every 3 seconds", "trainee": "Trainee", "exercise": "Exercise", "answers": "Answers",
        "openExercises": "Open exercises", "scanToJoin": "Scan to join", "changed": "scores changed", "regraded": "regraded",
        "item": "Item", "answered": "Answered", "status": "Status", "noneYet": "none yet",
    ]
}
