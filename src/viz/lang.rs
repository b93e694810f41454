//! The language of every word on screen (English / 简体中文), the register the
//! captions are told in ([`Wording`]: story, story + terms, engineer; W switches),
//! and the words of the window itself (buttons, module names). Captions and names
//! come from [`crate::words`].
//!
//! Every text entity carries a [`Words`] component with both languages; one system
//! writes the chosen one into its `Text` whenever the language or the words change.

use bevy::prelude::*;

use super::AppSystems;
pub use crate::sim::Lang;
pub use crate::words::Register;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Language>()
        .init_resource::<Wording>()
        .add_systems(
            Update,
            (show_words, show_span_words).in_set(AppSystems::Words),
        );
}

/// The language everything is shown in: the story's own [`Lang`], as a resource.
#[derive(Resource, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Language(pub Lang);

/// The register the captions are told in (W goes round them): the story's own
/// [`Register`], as a resource read by the caption and the event list.
#[derive(Resource, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Wording(pub Register);

/// One text in both languages: the simulation's own [`crate::sim::Text`] (bevy's
/// `Text` is the component that shows it).
pub use crate::sim::Text as Tr;

/// The words a `Text` entity shows, in both languages.
#[derive(Component, Clone, PartialEq, Eq, Debug, Default)]
pub struct Words(pub Tr);

/// The words of a `TextSpan` (a part of a paragraph), after a separator.
#[derive(Component, Clone, PartialEq, Eq, Debug, Default)]
pub struct SpanWords(pub Tr, pub &'static str);

fn show_span_words(lang: Res<Language>, mut spans: Query<(Ref<SpanWords>, &mut TextSpan)>) {
    for (words, mut span) in &mut spans {
        if lang.is_changed() || words.is_changed() {
            let want = format!("{}{}", words.1, words.0.get(lang.0));
            if span.0 != want {
                span.0 = want;
            }
        }
    }
}

fn show_words(
    lang: Res<Language>,
    wording: Res<Wording>,
    mut texts: Query<(Ref<Words>, &mut Text)>,
) {
    for (words, mut text) in &mut texts {
        if lang.is_changed() || wording.is_changed() || words.is_changed() {
            // Told as a story, the picture names no technical thing either.
            let want = if wording.0 == Register::Story && ui::technical(&words.0) {
                ""
            } else {
                words.0.get(lang.0)
            };
            if text.0 != want {
                text.0 = want.to_string();
            }
        }
    }
}

/// The window's own words, in one place.
pub mod ui {
    use super::Tr;

    pub fn post_office() -> Tr {
        Tr::new("Post office", "邮局")
    }
    pub fn counter() -> Tr {
        Tr::new("Counter", "柜台")
    }
    pub fn counter_tech() -> Tr {
        Tr::new("long-connection service", "长连接服务")
    }
    pub fn register() -> Tr {
        Tr::new("Address register", "用户名册")
    }
    pub fn register_tech() -> Tr {
        Tr::new("user service", "用户服务")
    }
    pub fn archive() -> Tr {
        Tr::new("Archive", "档案室")
    }
    pub fn archive_tech() -> Tr {
        Tr::new("server database", "服务端数据库")
    }
    pub fn sorting() -> Tr {
        Tr::new("Sorting desk", "分拣台")
    }
    pub fn sorting_tech() -> Tr {
        Tr::new("message forwarding", "消息转发")
    }
    pub fn shelf() -> Tr {
        Tr::new("Offline shelf", "离线信架")
    }
    pub fn shelf_tech() -> Tr {
        Tr::new("offline messages", "离线消息")
    }
    /// Whether `tr` is the technical name under a module of the picture (hidden when
    /// the story is told without technical words).
    pub fn technical(tr: &Tr) -> bool {
        [
            counter_tech(),
            register_tech(),
            archive_tech(),
            sorting_tech(),
            shelf_tech(),
            mailbox_tech(),
            postman_tech(),
        ]
        .contains(tr)
            || *tr == push_service_tech()
            || *tr == store_tech()
    }
    /// The parcel store's box (issue 26): its story name, as the captions say it.
    pub fn store() -> Tr {
        let w = |l| crate::words::window::store_names(l).0;
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// Its technical name.
    pub fn store_tech() -> Tr {
        let w = |l| crate::words::window::store_names(l).1;
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// The push service's box (issue 24): its story name, as the captions say it.
    pub fn push_service() -> Tr {
        let name = |l| {
            let story = crate::words::window::push_service(l).0;
            let mut c = story.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        Tr::new(name(super::Lang::En), name(super::Lang::Zh))
    }
    /// Its technical name, as the captions say it.
    pub fn push_service_tech() -> Tr {
        let tech = |l| crate::words::window::push_service(l).1;
        Tr::new(tech(super::Lang::En), tech(super::Lang::Zh))
    }
    /// Whose push services these are, under its names.
    pub fn push_makers() -> Tr {
        Tr::new("Apple, Huawei, Xiaomi…", "苹果、华为、小米……")
    }
    /// What the push service keeps while a phone has no signal.
    pub fn push_keeps(names: &[Tr]) -> Tr {
        let list = |l| {
            names
                .iter()
                .map(|n| n.get(l).to_string())
                .collect::<Vec<_>>()
                .join(if l == super::Lang::En { ", " } else { "、" })
        };
        Tr::new(
            format!("keeps a note for {}", list(super::Lang::En)),
            format!("替{}收着一条通知", list(super::Lang::Zh)),
        )
    }
    /// Over a closed app's lock screen.
    pub fn app_closed() -> Tr {
        Tr::new("🔒 app closed", "🔒 应用已关闭")
    }
    /// Over a lock screen whose older notifications no longer fit.
    pub fn earlier_notices(n: usize) -> Tr {
        Tr::new(format!("🔒 +{n} earlier"), format!("🔒 还有 {n} 条"))
    }
    pub fn mailbox() -> Tr {
        Tr::new("Home mailbox", "自家信箱")
    }
    pub fn mailbox_tech() -> Tr {
        Tr::new("local database", "本地数据库")
    }
    pub fn postman() -> Tr {
        Tr::new("Postman", "邮递员")
    }
    pub fn postman_tech() -> Tr {
        Tr::new("network module", "网络模块")
    }
    pub fn online() -> Tr {
        Tr::new("online", "在线")
    }
    pub fn connecting() -> Tr {
        Tr::new("connecting…", "连接中…")
    }
    pub fn offline() -> Tr {
        Tr::new("offline", "离线")
    }
    /// The letters the post office's shelf keeps for one device (issue 27).
    pub fn on_shelf(n: u32) -> Tr {
        let l = letters(n);
        Tr::new(format!("shelf: {}", l.en), format!("信架上：{}", l.zh))
    }
    /// A device of a person's that has never logged in (issue 27).
    pub fn not_logged_in() -> Tr {
        Tr::new("not yet logged in", "还没登录")
    }
    pub fn no_signal() -> Tr {
        Tr::new("no signal", "没有信号")
    }
    pub fn letters(n: u32) -> Tr {
        Tr::new(
            if n == 1 {
                crate::words::with_unit(1, "letter")
            } else {
                crate::words::with_unit(n, "letters")
            },
            crate::words::with_unit(n, "封"),
        )
    }
    pub fn online_count(n: u32) -> Tr {
        Tr::new(format!("{n} online"), format!("{n} 人在线"))
    }
    pub fn play() -> Tr {
        Tr::new("Play", "播放")
    }
    pub fn pause() -> Tr {
        Tr::new("Pause", "暂停")
    }
    pub fn back() -> Tr {
        Tr::new("◀ Back", "◀ 上一步")
    }
    pub fn next() -> Tr {
        Tr::new("Next ▶", "下一步 ▶")
    }
    pub fn restart() -> Tr {
        Tr::new("Restart", "重来")
    }
    pub fn slower() -> Tr {
        Tr::new("Slower", "减速")
    }
    pub fn faster() -> Tr {
        Tr::new("Faster", "加速")
    }
    /// The H button, in the words on screen (“Still here”: on, in the story).
    pub fn heartbeats(shown: bool, reg: super::Register) -> Tr {
        let w = |l| crate::words::window::heartbeats_button(shown, l, reg);
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    pub fn fullscreen() -> Tr {
        Tr::new("Full screen", "全屏")
    }
    pub fn language_button() -> Tr {
        // The button names the language it switches to.
        Tr::new("中文", "English")
    }
    pub fn scenes() -> Tr {
        Tr::new("Scenes ▼", "场景 ▼")
    }
    pub fn start() -> Tr {
        Tr::new(
            "Press → (or Next) to follow the letter step by step, Space to play.",
            "按 →（或“下一步”）一步一步跟着这封信走，按空格键自动播放。",
        )
    }
    pub fn ready() -> Tr {
        Tr::new("Ready", "准备好了")
    }
    /// Where the show is: not a second count of steps.
    pub fn beat_counter(at: usize, of: usize) -> Tr {
        Tr::new(
            format!("picture {at} of {of}"),
            format!("第 {at} 个画面，共 {of} 个"),
        )
    }
    /// The button that goes round the registers, naming the one shown.
    pub fn wording(r: super::Register) -> Tr {
        Tr::new(r.label(super::Lang::En), r.label(super::Lang::Zh))
    }
    /// The opening card's last line.
    /// Under a question card in the window: the keys (or, with the answers
    /// shown, how to hide them).
    pub fn question_hint(answers_hidden: bool) -> Tr {
        if answers_hidden {
            Tr::new(
                "A: an answer  ·  Enter: close",
                "A：参考答案  ·  Enter：关闭",
            )
        } else {
            Tr::new(
                "A: hide the answer  ·  Enter: close",
                "A：收起答案  ·  Enter：关闭",
            )
        }
    }
    /// Under a question card on a slide whose answers come on the next slide.
    pub fn answer_next_slide() -> Tr {
        Tr::new(
            "An answer is on the next slide.",
            "参考答案在下一张幻灯片上。",
        )
    }
    pub fn card_hint() -> Tr {
        Tr::new(
            "Press → (or Next) to follow the letter step by step, Enter to close this card. W changes the words: story, story + terms, engineer.",
            "按 →（或“下一步”）一步一步跟着信走，按回车关闭这张卡片。按 W 换说法：故事、故事 + 术语、工程师。",
        )
    }
    pub fn loading() -> Tr {
        Tr::new("Opening the scene…", "正在打开场景…")
    }
    /// Over a file that could not be opened: whether the scene on screen stays,
    /// or (none yet) where to find another.
    pub fn error_title(scene_open: bool) -> Tr {
        if scene_open {
            Tr::new(
                "This file is not a valid scene (the current scene stays):",
                "这个文件不是有效的场景（当前场景保持不变）：",
            )
        } else {
            Tr::new(
                "This file is not a valid scene (choose one under Scenes, or drop a scene file here):",
                "这个文件不是有效的场景（请在“场景”里选一个，或把场景文件拖到这里）：",
            )
        }
    }
    pub fn dismiss() -> Tr {
        Tr::new("OK", "知道了")
    }
    pub fn returned() -> Tr {
        Tr::new("Returned", "退信")
    }
    pub fn lost() -> Tr {
        Tr::new("Lost on the way", "途中丢失")
    }
    pub fn duplicate() -> Tr {
        // Short, to fit a stamp on a small envelope; the caption says the rest.
        Tr::new("Seen before", "收过了")
    }
    /// A bubble's mark and a card's word: ✓ the post office has it.
    pub fn sent() -> Tr {
        let w = crate::words::window::sent;
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// A recall's card (issue 25).
    pub fn recall_card() -> Tr {
        let w = crate::words::window::recall_card;
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// ✓✓ the recipient has it.
    pub fn delivered() -> Tr {
        let w = crate::words::window::delivered;
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// Blue ✓✓: the one addressee read it (issue 25).
    pub fn read() -> Tr {
        let w = crate::words::window::read;
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// A group letter's readers: "read by 2 of 3", "read by all 3".
    pub fn read_by(by: u32, of: u32) -> Tr {
        let w = |l| crate::words::window::read_by(by, of, l);
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// Under a chat list: the conversations left out.
    pub fn more_chats(n: usize) -> Tr {
        Tr::new(format!("+{n} more"), format!("还有{n}个"))
    }
    /// A group's readers where "read by 2 of 3" does not fit: "read 2/3".
    pub fn read_short(by: u32, of: u32) -> Tr {
        let w = |l| crate::words::window::read_short(by, of, l);
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// The chat list's heading (issue 25).
    pub fn chat_list() -> Tr {
        let w = crate::words::window::chat_list;
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// A recalled letter's bubble: "You recalled a message" (`writer`: None) or
    /// "Li Lei recalled a message".
    pub fn recall_notice(writer: Option<&Tr>) -> Tr {
        let w = |l| crate::words::window::recall_notice(writer.map(|n| n.get(l)), l);
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// ✓ a group letter some members have, not all.
    pub fn partly(count: u32, of: u32) -> Tr {
        let w = |l| crate::words::window::partly(count, of, l);
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// … on its way, no ✓ yet.
    pub fn sending() -> Tr {
        Tr::new("sending", "发送中")
    }
    /// … kept in the phone (`order: PostOffice`): its turn has not come yet, or
    /// there is no connection.
    pub fn waiting() -> Tr {
        let w = crate::words::window::waiting;
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// Above a bubble's words: its number from the post office.
    pub fn number(n: u32) -> Tr {
        let w = |l| crate::words::window::number(n, l);
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// ❗ the phone gave up (the letter is still in its mailbox).
    pub fn not_sent() -> Tr {
        Tr::new("not sent", "发送失败")
    }
    /// Under a phone's chat: a friend is typing to it.
    pub fn is_typing(name: &Tr) -> Tr {
        let w = crate::words::window::is_typing;
        Tr::new(w(&name.en, super::Lang::En), w(&name.zh, super::Lang::Zh))
    }
    /// Over a phone's chat: older bubbles that no longer fit.
    pub fn earlier(n: usize) -> Tr {
        Tr::new(format!("↑ {n} earlier"), format!("↑ 还有 {n} 条"))
    }
    pub fn saved(path: &str) -> Tr {
        Tr::new(
            format!(
                "The lesson is saved as {path}: open it (or `postoffice run` it) to play it again."
            ),
            format!("这节课已保存为 {path}：打开它（或用 `postoffice run`）就能重放。"),
        )
    }
    pub fn not_saved(why: &str) -> Tr {
        Tr::new(
            format!("The lesson could not be saved: {why}"),
            format!("这节课没能保存：{why}"),
        )
    }
    /// A fault armed on `name`'s line, in the words on screen.
    pub fn armed(
        dir: crate::sim::Dir,
        class: crate::sim::FrameClass,
        name: &Tr,
        reg: super::Register,
    ) -> Tr {
        use crate::words::window as w;
        Tr::new(
            w::armed(dir, class, &name.en, super::Lang::En, reg),
            w::armed(dir, class, &name.zh, super::Lang::Zh, reg),
        )
    }
    /// Under the post office's ring on a phone's line: how long since it was heard.
    pub fn heard_ago(seconds: u32, whose: Option<&Tr>, reg: super::Register) -> Tr {
        let w = |l| {
            let name = whose.map(|n| n.get(l));
            crate::words::window::heard_ago(seconds, name, l, reg)
        };
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    pub fn offer_restore(actions: usize, switched: bool) -> Tr {
        let (en, zh) = match switched {
            true => (", the panel's switches", "，还有面板上的切换"),
            false => ("", ""),
        };
        Tr::new(
            format!(
                "A lesson on this scene was not saved when the window closed ({actions} {}{en}). Enter: take it back · Esc: start afresh",
                if actions == 1 { "action" } else { "actions" }
            ),
            format!(
                "上次关闭窗口时，这个场景上的课还没保存（{actions} 个动作{zh}）。回车：恢复 · Esc：重新开始"
            ),
        )
    }
    pub fn restored(actions: usize) -> Tr {
        Tr::new(
            format!(
                "The lesson is back: {actions} {} added by the class.",
                if actions == 1 { "action" } else { "actions" }
            ),
            format!("课已恢复：全班加入的 {actions} 个动作都回来了。"),
        )
    }
    /// The lesson back with the panel's switches it had: told from the start.
    pub fn restored_with_switches(actions: usize) -> Tr {
        Tr::new(
            format!(
                "The lesson is back, told again from the start with the panel's switches: {actions} {} added by the class.",
                if actions == 1 { "action" } else { "actions" }
            ),
            format!("课已恢复，按面板上的切换从头再讲：全班加入的 {actions} 个动作都回来了。"),
        )
    }
    pub fn nothing_to_undo() -> Tr {
        let w = crate::words::act::nothing_to_undo;
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// "Taken back: Han Meimei logs out." in the words on screen.
    pub fn undone(
        action: &crate::sim::Action,
        world: &crate::sim::World,
        reg: super::Register,
    ) -> Tr {
        let w = |l| crate::words::act::undone(action, world, l, reg);
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// The notice after a live action the story tells a little later (an app
    /// closed or opened): "From this step on: …".
    pub fn added(
        action: &crate::sim::Action,
        world: &crate::sim::World,
        reg: super::Register,
    ) -> Tr {
        let w = |l| crate::words::act::added(action, world, l, reg);
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    pub fn refused(why: &crate::lesson::Refused) -> Tr {
        let w = |l| crate::words::act::refused(why, l);
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
    /// A refusal naming the devices it is about (`MoveChats` between two
    /// people's devices: [`crate::words::act::refused_in`]).
    pub fn refused_in(why: &crate::lesson::Refused, world: &crate::sim::World) -> Tr {
        let w = |l| crate::words::act::refused_in(why, world, l);
        Tr::new(w(super::Lang::En), w(super::Lang::Zh))
    }
}
