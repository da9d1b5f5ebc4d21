/// The words of re-entry, trainers' accounts and deleting, in both languages (the same keys).
extension Strings {
    static let identityZh: [String: String] = [
        "alreadyJoined": "我已加入过", "alreadyJoinedHint": "在另一台手机或电脑上继续", "rejoinTitle": "换设备继续学习",
        "rejoinIntro": "在新的手机或电脑上，用课堂代码、加入时的名字和你的换设备码回到自己的学习记录：做过的练习、成绩、作业和 ScoreCard 都在。",
        "yourNameAsJoined": "加入时填的名字", "reentryCode": "换设备码", "rejoinButton": "继续学习",
        "lostReentryCode": "忘了换设备码？请讲师在成绩单里为你重新发放一个。",
        "rejoinFailed": "没有找到这位学员：课堂代码、名字和换设备码要和加入时的一致，请核对后再试。",
        "tooManyTries": "尝试次数太多，请稍等片刻再试。",
        "yourReentryCode": "你的换设备码", "reentryCodeKeep": "请记下或截图保存。换手机、换电脑或清除了微信缓存时，用它和你的名字回到自己的学习记录。课程页面下方随时可以再看到它。",
        "otherDevice": "换设备继续学习", "otherDeviceHow": "在另一台设备上打开下面的链接（或用它扫这个二维码），填上你的名字和换设备码，就能接着学。",
        "scanToRejoin": "扫码在另一台设备上继续", "downloadMyData": "下载我的数据",
        "reissueReentry": "重新发放换设备码", "reentryReissued": "已发放新的换设备码，旧的不再有效：",
        "deleteTrainee": "删除这位学员", "deleteSession": "删除这个课堂", "confirmDelete": "确认删除",
        "deleteWillRemove": "删除后无法恢复，以下内容会一起删除：", "deleteTraineesCount": "位学员", "deleteSubmissionsCount": "份提交（含成绩、评语、作业计划）",
        "deleteCheckInsCount": "次 ScoreCard 跟进记录", "cancel": "取消", "deleted": "已删除。",
        "sessionTrainers": "本课堂的讲师", "addTrainer": "添加讲师", "trainerNameToAdd": "讲师账号名", "trainerAdded": "已添加讲师：",
        "changePassword": "修改密码", "currentPassword": "当前密码", "newPassword": "新密码（至少 8 个字符）", "newPasswordAgain": "再输一次新密码",
        "passwordChanged": "密码已修改，请用新密码重新登录。", "passwordMismatch": "两次输入的新密码不一致。", "wrongPassword": "当前密码不对。",
        "passwordTooShort": "新密码至少 8 个字符。", "noSuchTrainer": "没有这个讲师账号。",
    ]

    static let identityEn: [String: String] = [
        "alreadyJoined": "I have joined before", "alreadyJoinedHint": "continue on another phone or computer", "rejoinTitle": "Continue on another device",
        "rejoinIntro": "On a new phone or computer, the join code, the name you joined with and your re-entry code bring back your own work: exercises, grades, homework and ScoreCard.",
        "yourNameAsJoined": "The name you joined with", "reentryCode": "Re-entry code", "rejoinButton": "Continue",
        "lostReentryCode": "Lost your re-entry code? Ask the trainer to issue a new one from the roster.",
        "rejoinFailed": "No such trainee: the join code, the name and the re-entry code must be those of your joining; check them and try again.",
        "tooManyTries": "Too many tries; wait a moment and try again.",
        "yourReentryCode": "Your re-entry code", "reentryCodeKeep": "Write it down or take a screenshot. With it and your name you get back to your work on a new phone or computer, or after clearing WeChat's cache. It is also at the bottom of the course page.",
        "otherDevice": "Continue on another device", "otherDeviceHow": "Open this link on the other device (or scan the QR code with it), enter your name and re-entry code, and carry on.",
        "scanToRejoin": "Scan to continue on another device", "downloadMyData": "Download my data",
        "reissueReentry": "Issue a new re-entry code", "reentryReissued": "New re-entry code issued; the old one no longer works:",
        "deleteTrainee": "Delete this trainee", "deleteSession": "Delete this session", "confirmDelete": "Delete for good",
        "deleteWillRemove": "This cannot be undone; these go with it:", "deleteTraineesCount": "trainees", "deleteSubmissionsCount": "submissions (with grades, comments and homework plans)",
        "deleteCheckInsCount": "ScoreCard check-ins", "cancel": "Cancel", "deleted": "Deleted.",
        "sessionTrainers": "Trainers of this session", "addTrainer": "Add a trainer", "trainerNameToAdd": "Trainer account name", "trainerAdded": "Trainer added:",
        "changePassword": "Change password", "currentPassword": "Current password", "newPassword": "New password (at least 8 characters)", "newPasswordAgain": "New password again",
        "passwordChanged": "Password changed; sign in again with the new one.", "passwordMismatch": "The two new passwords differ.", "wrongPassword": "The current password is wrong.",
        "passwordTooShort": "A new password has at least 8 characters.", "noSuchTrainer": "There is no such trainer account.",
    ]
}
