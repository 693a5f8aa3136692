// Chat's vocabulary (a Slack-like workspace), shared by its view, handlers, task templates and
// tests: element keys (inside the app's scope: full(key) = "chat/<key>"), ui keys, routes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace facsim::apps::chat {

inline constexpr std::string_view kName = "chat";
inline std::string full(std::string_view key) { return std::string(kName) + "/" + std::string(key); }

namespace key {
// The sidebar: a row per channel the user is in (channel:<id>), then the direct messages
// (the same key: a DM is a channel of kind 'dm').
inline constexpr std::string_view sidebar = "sidebar";
inline std::string channel(int64_t id) { return "channel:" + std::to_string(id); }
// The open conversation: its header (name, topic, member count), the messages (a list that
// starts at its end), each message (msg:<id>) with, under the pointer, React (react:<id>: a
// menu of emoji, react_menu.<i>) and Reply in thread (reply:<id>); its reactions as chips
// (reaction:<id>:<emoji>: a click adds or takes back the user's); "N replies" (replies:<id>).
inline constexpr std::string_view header = "header", messages = "messages",
                                  react_menu = "react_menu";
inline std::string msg(int64_t id) { return "msg:" + std::to_string(id); }
inline std::string react(int64_t id) { return "react:" + std::to_string(id); }
inline std::string reply(int64_t id) { return "reply:" + std::to_string(id); }
inline std::string replies(int64_t id) { return "replies:" + std::to_string(id); }
inline std::string reaction(int64_t id, std::string_view emoji) {
  return "reaction:" + std::to_string(id) + ":" + std::string(emoji);
}
// The composer (Enter sends, Shift+Enter is a new line) and its Send button; the thread panel
// (thread_panel) with its own composer (thread_composer, thread_send) and close_thread.
inline constexpr std::string_view composer = "composer", send = "send",
                                  thread_panel = "thread_panel", thread_composer = "thread_composer",
                                  thread_send = "thread_send", close_thread = "close_thread";
// The user's own messages: Edit (edit:<id>: the body becomes a field, edit_field; Enter or
// save_edit saves, cancel_edit) and Delete (delete:<id>: a dialog, delete_dialog, whose
// confirm_delete deletes it with its reactions and replies).
inline std::string edit(int64_t id) { return "edit:" + std::to_string(id); }
inline std::string del(int64_t id) { return "delete:" + std::to_string(id); }
inline constexpr std::string_view edit_field = "edit_field", save_edit = "save_edit",
                                  cancel_edit = "cancel_edit", delete_dialog = "delete_dialog",
                                  confirm_delete = "confirm_delete";
// The header: the channel's name opens channel_menu (Edit topic, Add people, Leave channel);
// topic_dialog (topic_field, save_topic); people_dialog (people_field: suggestions
// person:<id> make chips; add_people adds them); the sidebar's new_channel opens
// channel_dialog (channel_name, channel_private, create_channel).
inline constexpr std::string_view channel_menu = "channel_menu", channel_title = "channel_title",
                                  topic_dialog = "topic_dialog", topic_field = "topic_field",
                                  save_topic = "save_topic", people_dialog = "people_dialog",
                                  people_field = "people_field", add_people = "add_people",
                                  new_channel = "new_channel", channel_dialog = "channel_dialog",
                                  channel_name = "channel_name",
                                  channel_private = "channel_private",
                                  create_channel = "create_channel";
inline std::string person(int64_t id) { return "person:" + std::to_string(id); }
}  // namespace key

namespace ui {
inline constexpr std::string_view channel = "chat.channel";  // the open channel's id
inline constexpr std::string_view thread = "chat.thread";    // the open thread's root (0: none)
inline constexpr std::string_view react_to = "chat.react_to";  // the message the menu is for
inline constexpr std::string_view editing = "chat.editing";    // the message being edited (0)
inline constexpr std::string_view deleting = "chat.deleting";  // the message Delete asks about
inline constexpr std::string_view make_private = "chat.make_private";  // the new channel's box
// The people chosen in the Add people dialog, comma-separated ids.
inline constexpr std::string_view adding = "chat.adding";
}  // namespace ui

// Reactions, as Slack's shortcodes (drawn as their names until emoji are baked).
inline constexpr std::string_view kEmoji[] = {"+1", "eyes", "tada", "white_check_mark", "heart",
                                              "raised_hands"};

// Tables: chat_channels(id, name, kind 'public'|'private'|'dm', topic, created_ms, archived,
// dm_person_id), chat_members(channel_id, person_id), chat_messages(id, channel_id, sender_id,
// body (light markup, dom::widget::parse_markup), ts_ms, thread_id (0: top level; else the
// root's id), edited), chat_reactions(message_id, person_id, emoji), chat_reads(channel_id,
// last_read_ms: the user's), chat_pending(id, channel_id, person_id, thread_id, body): replies
// on their way (a "chat.reply" event posts each).
inline constexpr int kShown = 60;  // top-level messages a channel shows (the newest)

}  // namespace facsim::apps::chat
