//! The sentences for a friend's online dot and "typing…" (issue 22): what a phone
//! shows of its friends beyond their letters.

use super::*;

/// A phone's dot for `of` turns on (online) or off.
pub(super) fn dot(s: &S, u: &str, of: UserIdx, online: bool) -> String {
    let x = s.name(of);
    match (s.eng(), online) {
        (true, true) => s.p(
            format!("{u}'s client updates its presence list: {x} is online."),
            format!("{u}的客户端更新在线列表：{x}在线。"),
        ),
        (true, false) => s.p(
            format!("{u}'s client updates its presence list: {x} is offline."),
            format!("{u}的客户端更新在线列表：{x}离线。"),
        ),
        (false, true) => s.p(
            format!("On {u}'s phone the dot beside {x} lights up: {x} is online."),
            format!("{u}的手机上，{x}旁边的小圆点亮了：{x}在线。"),
        ),
        (false, false) => s.p(
            format!("On {u}'s phone the dot beside {x} goes grey: {x} is not online."),
            format!("{u}的手机上，{x}旁边的小圆点变灰了：{x}不在线。"),
        ),
    }
}

/// A phone starts or stops showing "`by` is typing…".
pub(super) fn typing(s: &S, u: &str, by: UserIdx, shown: bool) -> String {
    let x = s.name(by);
    match (s.eng(), shown) {
        (true, true) => s.p(
            format!("{u}'s client shows “{x} is typing…” (a notice the server passed on, not stored)."),
            format!("{u}的客户端显示“{x}正在输入…”（服务器转来的通知，不存储）。"),
        ),
        (true, false) => s.p(
            format!("{u}'s client stops showing “{x} is typing…”."),
            format!("{u}的客户端不再显示“{x}正在输入…”。"),
        ),
        (false, true) => s.p(
            format!("{u}'s phone shows “{x} is typing…”: the post office passed the news on and kept nothing."),
            format!("{u}的手机上显示“{x}正在输入…”：邮局只是转告了一声，什么也没留下。"),
        ),
        (false, false) => s.p(
            format!("“{x} is typing…” goes away from {u}'s phone."),
            format!("{u}的手机上，“{x}正在输入…”消失了。"),
        ),
    }
}
