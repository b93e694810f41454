//! The teacher's panel's own words (its headings, buttons and hints), in both
//! languages; the fault menus use some of them too.

use crate::viz::lang::Tr;

pub fn compose() -> Tr {
    Tr::new("Write a letter", "写一封信")
}
pub fn from() -> Tr {
    Tr::new("From", "寄信人")
}
pub fn to() -> Tr {
    Tr::new("to", "收信人")
}
pub fn group() -> Tr {
    Tr::new("group", "群")
}
pub fn hint() -> Tr {
    Tr::new("Type a letter, Enter sends", "写下信的内容，按回车发送")
}
pub fn send() -> Tr {
    Tr::new("Send", "发送")
}
pub fn joins_after() -> Tr {
    Tr::new(
        "The letter joins the story after the step on screen.",
        "这封信会接在屏幕上这一步之后。",
    )
}
pub fn recorded() -> Tr {
    Tr::new(
        "This scene has more than 40 people: it is a recorded story, to watch, not to change.",
        "这个场景超过 40 人：它是录好的故事，只能观看，不能改动。",
    )
}
pub fn save() -> Tr {
    Tr::new("Save the lesson (Ctrl+S)", "保存这节课（Ctrl+S）")
}
pub fn change() -> Tr {
    Tr::new("Change the story", "改变故事")
}
pub fn undo() -> Tr {
    Tr::new(
        "Take back the last change (Ctrl+Z)",
        "撤销上一个改动（Ctrl+Z）",
    )
}
pub fn restore() -> Tr {
    Tr::new("Take the unsaved lesson back", "恢复未保存的课")
}
pub fn afresh() -> Tr {
    Tr::new("Start afresh", "重新开始")
}
pub fn events() -> Tr {
    Tr::new("What happened", "发生了什么")
}
pub fn letters() -> Tr {
    Tr::new("letters", "信")
}
pub fn receipts() -> Tr {
    Tr::new("receipts", "回执")
}
pub fn logins() -> Tr {
    Tr::new("logins", "登录")
}
pub fn faults() -> Tr {
    Tr::new("faults", "故障")
}
pub fn network() -> Tr {
    Tr::new("Network", "网络")
}
