/* ReportBot local chat simulator. Plain JS, no dependencies, works offline.
 *
 * Two chats, as a member of a district sees them: the district's group (everyone's posts, the bot's reactions on them
 * as small badges, its few quoted replies, the day's reminders and summaries) and the selected member's direct chat
 * with ReportBot. On a phone they are tabs; on a wide screen, side by side.
 *
 * API (same origin):
 *   GET  /simulator/api/group                 -> { district, group: { title } | null, members: [{ id, name, role, language, units: [{ name, nameHi }] }] }
 *   GET  /simulator/api/messages?after=<id>   -> { messages: [{ id, at, direction: "in"|"out", chat: "group"|"direct", memberId, memberName,
 *                                                  text, messageRef, quoteRef, quotedText, quotedMemberId, quotedMemberName, reaction, kind }] }
 *   POST /simulator/api/messages {memberId,text,chat} -> 202 { id } | 400 { error }
 */
(function () {
  'use strict';

  var API = '/simulator/api';
  var STORE_KEY = 'reportbot.simulator.memberId';
  var POLL_MS = 1000;
  var POLL_HIDDEN_MS = 4000;
  var REQUEST_TIMEOUT_MS = 8000;
  var RUN_GAP_MS = 5 * 60 * 1000;       // messages closer than this from one sender are grouped
  var WIDE = '(min-width: 900px)';      // both chats side by side from here

  var NAME_COLOURS = ['#1f7aec', '#c4532d', '#a62c71', '#027eb5', '#5e47de',
    '#b55400', '#008a7b', '#d62f59', '#7a6a00', '#3a7d1c', '#9c4dcc', '#0b7285'];
  var HONORIFICS = /^(dr|shri|smt|sri|mr|mrs|ms|km|kumari|prof|er)\.?$/i;
  var ROLE_LABELS = { reporter: 'Reporter', officer: 'Officer', admin: 'Admin' };
  var REACTION_EMOJI = { recorded: '✅', changed: '✏️' };
  var KIND_LABELS = { summary: '📊 summary', reminder: '⏰ reminder', escalation: '🔔 escalation' };

  var state = {
    district: '',
    groupTitle: '',
    hasGroup: true,        // false: the district has no simulator group linked (a demo database from before groups)
    members: [],
    byId: {},
    meId: null,
    messages: [],          // every line, sorted by id
    seen: {},              // id -> true
    reactions: {},         // messageRef -> the bot's latest reaction line on it
    answered: {},          // messageRef -> true once the bot reacted or replied to it
    lastId: 0,
    pollTimer: null,
    polling: false,
    pollAgain: false,
    firstBatch: true,
    active: 'group',       // the tab shown on a narrow screen
    online: true
  };

  var panes = {};          // 'group' | 'direct' -> pane
  var el = {};

  // ---------------------------------------------------------------- helpers

  function $(id) { return document.getElementById(id); }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function pad2(n) { return (n < 10 ? '0' : '') + n; }

  function parseDate(at) {
    var d = new Date(at);
    return isNaN(d.getTime()) ? new Date() : d;
  }

  function hhmm(d) { return pad2(d.getHours()) + ':' + pad2(d.getMinutes()); }

  function dayKey(d) { return d.getFullYear() + '-' + (d.getMonth() + 1) + '-' + d.getDate(); }

  function dayLabel(d) {
    var today = new Date();
    var yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
    if (dayKey(d) === dayKey(today)) return 'Today';
    if (dayKey(d) === dayKey(yesterday)) return 'Yesterday';
    var opts = { weekday: 'short', day: 'numeric', month: 'short' };
    if (d.getFullYear() !== today.getFullYear()) opts.year = 'numeric';
    try { return d.toLocaleDateString('en-GB', opts); } catch (e) { return d.toDateString(); }
  }

  function toDevanagariDigits(s) {
    return String(s).replace(/[0-9]/g, function (c) { return String.fromCharCode(0x0966 + (+c)); });
  }

  function colourFor(id) {
    var n = Math.abs(parseInt(id, 10) || 0);
    return NAME_COLOURS[n % NAME_COLOURS.length];
  }

  function initials(name) {
    var parts = String(name || '?').trim().split(/\s+/).filter(Boolean);
    while (parts.length > 2 && HONORIFICS.test(parts[0])) parts.shift();
    if (!parts.length) return '?';
    var s = Array.from(parts[0])[0] || '?';
    if (parts.length > 1) s += Array.from(parts[parts.length - 1])[0] || '';
    return s.toUpperCase();
  }

  function firstName(name) {
    var parts = String(name || '').trim().split(/\s+/).filter(Boolean);
    while (parts.length > 1 && HONORIFICS.test(parts[0])) parts.shift();
    return parts[0] || String(name || '');
  }

  function roleLabel(role) {
    if (!role) return '';
    return ROLE_LABELS[role] || (role.charAt(0).toUpperCase() + role.slice(1));
  }

  function unitsLabel(units, max) {
    units = units || [];
    max = max || 2;
    if (!units.length) return '';
    var names = units.slice(0, max).map(function (u) { return u.name; });
    var extra = units.length - names.length;
    return names.join(', ') + (extra > 0 ? ' +' + extra : '');
  }

  /** "Reporter · Benipur" */
  function memberSubtitle(m) {
    if (!m) return '';
    var parts = [roleLabel(m.role)];
    var u = unitsLabel(m.units, 2);
    if (u) parts.push(u);
    return parts.filter(Boolean).join(' · ');
  }

  function me() { return state.meId != null ? state.byId[state.meId] || null : null; }

  // ------------------------------------------------------- WhatsApp formatting

  var INNER = '[^\\p{L}\\p{N}\\p{M}';
  function styleRe(marker) {
    var m = marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // (start | non-word, non-marker) MARK (non-space ... non-space) MARK (end | non-word, non-marker)
    return new RegExp('(^|' + INNER + m + '])' + m + '(\\S(?:[^' + m + '\\n]*?\\S)?)' + m +
      '(?=$|' + INNER + m + '])', 'gu');
  }
  var RE_BOLD, RE_ITALIC, RE_STRIKE;
  try {
    RE_BOLD = styleRe('*'); RE_ITALIC = styleRe('_'); RE_STRIKE = styleRe('~');
  } catch (e) { // very old browsers without \p{…}
    var simple = function (m) {
      var q = '\\' + m;
      return new RegExp('(^|[^A-Za-z0-9' + q + '])' + q + '(\\S(?:[^' + q + '\\n]*?\\S)?)' + q + '(?=$|[^A-Za-z0-9' + q + '])', 'g');
    };
    RE_BOLD = simple('*'); RE_ITALIC = simple('_'); RE_STRIKE = simple('~');
  }

  /** Styles plain (already escaped, code-free) text. */
  function formatInline(escaped) {
    return escaped
      .replace(RE_BOLD, '$1<strong>$2</strong>')
      .replace(RE_STRIKE, '$1<s>$2</s>')
      .replace(RE_ITALIC, '$1<em>$2</em>');
  }

  /** Formats text outside ``` fences: `inline code` first, then *bold* etc. */
  function formatText(raw) {
    var out = '';
    var re = /`([^`\n]+)`/g;
    var last = 0, m;
    while ((m = re.exec(raw)) !== null) {
      out += formatInline(escapeHtml(raw.slice(last, m.index)));
      out += '<code class="inline">' + escapeHtml(m[1]) + '</code>';
      last = re.lastIndex;
    }
    out += formatInline(escapeHtml(raw.slice(last)));
    return out;
  }

  /**
   * WhatsApp-style formatting -> safe HTML. Every piece of user text goes
   * through escapeHtml before any tag is added.
   */
  function formatWhatsApp(raw) {
    raw = String(raw == null ? '' : raw).replace(/\r\n?/g, '\n');
    var parts = raw.split('```');
    var segs = [];
    for (var i = 0; i < parts.length; i++) {
      var isCode = (i % 2 === 1) && (i < parts.length - 1);
      if (isCode) {
        var code = parts[i];
        var block = code.indexOf('\n') !== -1;
        if (block) code = code.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '');
        segs.push({ code: true, block: block, text: code });
      } else {
        // an unmatched trailing fence is shown literally
        var t = (i % 2 === 1) ? '```' + parts[i] : parts[i];
        segs.push({ code: false, text: t });
      }
    }
    // a block sits on its own lines: drop the newline just before / after it
    for (var j = 0; j < segs.length; j++) {
      if (!segs[j].block) continue;
      if (j > 0 && !segs[j - 1].code) segs[j - 1].text = segs[j - 1].text.replace(/\n[ \t]*$/, '');
      if (j < segs.length - 1 && !segs[j + 1].code) segs[j + 1].text = segs[j + 1].text.replace(/^[ \t]*\n/, '');
    }
    return segs.map(function (s) {
      if (!s.code) return formatText(s.text);
      return '<span class="mono' + (s.block ? ' block' : '') + '">' + escapeHtml(s.text) + '</span>';
    }).join('');
  }

  function plainSnippet(raw, max) {
    var s = String(raw || '').replace(/```/g, '').replace(/[*_~`]/g, '').replace(/\s+/g, ' ').trim();
    max = max || 90;
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  }

  // ------------------------------------------------------------------- network

  // When ReportBot serves the simulator beside a configured database it asks for the admin key (401): the page
  // asks its user once and keeps the key for this tab only.
  var ADMIN_KEY_STORE = 'reportbot-admin-key';

  function request(method, url, body) {
    return send(method, url, body).then(function (res) {
      if (res.status !== 401) return res;
      var key = window.prompt('This ReportBot asks for its admin key (Admin:ApiKey) before the simulator can act as its members:');
      if (!key) return res;
      try { sessionStorage.setItem(ADMIN_KEY_STORE, key); } catch (e) { /* private mode: asked again next time */ }
      return send(method, url, body);
    });
  }

  function send(method, url, body) {
    var ctrl = typeof AbortController !== 'undefined' ? new AbortController() : null;
    var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, REQUEST_TIMEOUT_MS) : null;
    var opts = { method: method, headers: { 'Accept': 'application/json' }, cache: 'no-store' };
    if (ctrl) opts.signal = ctrl.signal;
    var key = null;
    try { key = sessionStorage.getItem(ADMIN_KEY_STORE); } catch (e) { key = null; }
    if (key) opts.headers['X-Admin-Key'] = key;
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (res) {
      return res.text().then(function (txt) {
        var data = null;
        try { data = txt ? JSON.parse(txt) : null; } catch (e) { data = null; }
        return { ok: res.ok, status: res.status, data: data };
      });
    }).finally(function () { if (timer) clearTimeout(timer); });
  }

  function setOnline(ok, text) {
    state.online = ok;
    if (ok) {
      el.banner.hidden = true;
    } else {
      el.bannerText.textContent = text || "Can't reach ReportBot — retrying";
      el.banner.hidden = false;
    }
  }


  // --------------------------------------------------------------------- group

  function loadGroup() {
    request('GET', API + '/group').then(function (r) {
      if (!r.ok || !r.data || !Array.isArray(r.data.members)) throw new Error('bad group');
      applyGroup(r.data);
      setOnline(true);
      if (!state.pollTimer && !state.polling) poll();
    }).catch(function () {
      setOnline(false);
      setTimeout(loadGroup, 2000);
    });
  }

  function applyGroup(g) {
    state.district = g.district || '';
    state.hasGroup = !!g.group;
    state.groupTitle = (g.group && g.group.title) || ((state.district ? state.district + ' — ' : '') + 'Ayushman reporting');
    state.members = g.members.slice();
    state.byId = {};
    state.members.forEach(function (m) { m.units = Array.isArray(m.units) ? m.units : []; state.byId[m.id] = m; });

    el.groupTitle.textContent = state.groupTitle;
    document.title = state.groupTitle + ' · ReportBot simulator';
    el.groupAvatar.textContent = initials(state.district || 'A');
    var n = state.members.length;
    el.groupSub.textContent = state.members.map(function (m) { return firstName(m.name); }).join(', ') + ', ReportBot';
    el.groupSub.title = n + ' member' + (n === 1 ? '' : 's') + ' and ReportBot';
    panes.group.title.textContent = state.groupTitle;

    // picker
    var sel = el.select;
    while (sel.options.length > 1) sel.remove(1);
    var groups = {};
    ['reporter', 'officer', 'admin'].forEach(function (r) { groups[r] = []; });
    state.members.forEach(function (m) { (groups[m.role] = groups[m.role] || []).push(m); });
    Object.keys(groups).forEach(function (role) {
      if (!groups[role].length) return;
      var og = document.createElement('optgroup');
      og.label = roleLabel(role) + 's';
      groups[role].forEach(function (m) {
        var o = document.createElement('option');
        o.value = String(m.id);
        var units = unitsLabel(m.units, 3);
        o.textContent = m.name + ' · ' + roleLabel(m.role) + (units ? ' · ' + units : '') +
          (m.language === 'hi' ? ' (हिन्दी)' : '');
        og.appendChild(o);
      });
      sel.appendChild(og);
    });

    // who am I: ?as=<id> beats localStorage
    var wanted = null;
    try {
      var q = new URLSearchParams(location.search).get('as');
      if (q) wanted = q;
      var tab = new URLSearchParams(location.search).get('chat');
      if (tab === 'direct' || tab === 'group') showPane(tab);
      else if (!state.hasGroup) showPane('direct');
    } catch (e) { /* ignore */ }
    if (wanted == null) {
      try { wanted = localStorage.getItem(STORE_KEY); } catch (e) { wanted = null; }
    }
    selectMember(wanted != null && state.byId[wanted] ? state.byId[wanted].id : null, false);
    eachPane(updateEmpty);
  }

  function selectMember(id, userAction) {
    var changed = state.meId !== id;
    state.meId = id;
    el.select.value = id == null ? '' : String(id);
    try {
      if (id == null) localStorage.removeItem(STORE_KEY);
      else localStorage.setItem(STORE_KEY, String(id));
    } catch (e) { /* private mode */ }

    var m = me();
    el.picker.classList.toggle('attention', !m);
    el.meAvatar.textContent = m ? initials(m.name) : '?';
    el.meAvatar.style.background = m ? colourFor(m.id) : '';
    panes.direct.title.textContent = m ? 'direct chat with ' + firstName(m.name) : 'direct chat';
    eachPane(function (p) {
      var closed = p.chat === 'group' && !state.hasGroup;
      p.input.disabled = !m || closed;
      p.input.placeholder = closed ? 'No group in the simulator' : !m ? 'Pick who you are above'
        : (m.language === 'hi' ? 'संदेश लिखें… / Type a message' : (p.chat === 'group' ? 'Message the group' : 'Message ReportBot'));
      updateSendButton(p);
    });
    renderChips();
    if (changed) {
      panes.direct.unread = 0;
      eachPane(rerenderAll);
      updateTabs();
    }
    if (m && userAction) activePane().input.focus();
  }

  // --------------------------------------------------------------------- panes

  function makePane(chat) {
    var root = $('pane-' + chat);
    var p = { chat: chat, root: root, rows: {}, shown: [], pending: [], stick: true, unseen: 0, unread: 0 };
    ['title', 'chat', 'empty', 'emptyTitle', 'emptyBody', 'messages', 'pending', 'jump', 'jumpCount', 'chips', 'composer', 'input', 'send', 'botAvatar']
      .forEach(function (role) { p[role + (role === 'chat' ? 'El' : role === 'pending' ? 'El' : '')] = root.querySelector('[data-role="' + role + '"]'); });
    p.tab = $('tab-' + chat);
    return p;
  }

  function eachPane(f) { f(panes.group); f(panes.direct); }

  function activePane() { return panes[state.active]; }

  function isWide() { return window.matchMedia ? window.matchMedia(WIDE).matches : window.innerWidth >= 900; }

  /** Whether a pane is on screen: both are on a wide screen, the active tab's on a phone. */
  function paneVisible(p) { return isWide() || state.active === p.chat; }

  function showPane(chat) {
    state.active = chat;
    eachPane(function (p) {
      var on = p.chat === chat;
      p.root.classList.toggle('active', on);
      p.tab.classList.toggle('active', on);
      p.tab.setAttribute('aria-selected', on ? 'true' : 'false');
    });
    var p = panes[chat];
    p.unread = 0;
    updateTabs();
    if (p.stick) scrollToBottom(p, false);
  }

  function updateTabs() {
    eachPane(function (p) {
      var c = p.tab.querySelector('.tab-count');
      c.hidden = !(p.unread > 0);
      c.textContent = p.unread > 99 ? '99+' : String(p.unread);
    });
  }

  /** The lines a pane shows: the group's (reactions become badges, not bubbles), or my direct chat's. */
  function belongs(p, msg) {
    if (msg.reaction) return false;
    if (msg.chat === 'group') return p.chat === 'group';
    return p.chat === 'direct' && state.meId != null && msg.memberId === state.meId;
  }

  // --------------------------------------------------------------------- chips

  function renderChips() {
    eachPane(function (p) { p.chips.textContent = ''; });
    var m = me();
    if (!m) return;
    var list = [];
    var unit = m.units[0];
    if (!unit) {
      // officers/admins without units: borrow a reporter's block as an example
      for (var i = 0; i < state.members.length && !unit; i++) unit = state.members[i].units[0];
    }
    if (unit) {
      var en = unit.name + ' 1240';
      var hi = unit.nameHi ? unit.nameHi + ' ' + toDevanagariDigits('1240') : null;
      if (m.language === 'hi' && hi) { list.push(hi); list.push(en); }
      else { list.push(en); if (hi) list.push(hi); }
      if (m.units[1]) list.push(m.units[1].name + ' 860');
    }
    addChips(panes.group, list);
    addChips(panes.direct, ['status', 'help'].concat(list.slice(0, 1)));

    // The day's rhythm without waiting for the clock: what ReportBot posts at 11:00, 16:00 and 17:00.
    var now = document.createElement('span');
    now.className = 'chip-label';
    now.textContent = 'Send now:';
    panes.group.chips.appendChild(now);
    [['summary', '📊 summary'], ['reminder', '⏰ reminders'], ['escalation', '🔔 escalation']].forEach(function (pair) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'chip chip-rhythm';
      b.textContent = pair[1];
      b.title = 'Have ReportBot send the ' + pair[0] + ' now, as it would at its scheduled time';
      b.addEventListener('click', function () {
        request('POST', '/simulator/api/send-now', { kind: pair[0] }).then(function (res) {
          if (!res.ok) setOnline(false, (res.data && res.data.error) || 'Could not send the ' + pair[0]);
          pollSoon();
        }, function () { setOnline(false); });
      });
      panes.group.chips.appendChild(b);
    });
  }

  function addChips(p, list) {
    var label = document.createElement('span');
    label.className = 'chip-label';
    label.textContent = 'Try:';
    p.chips.appendChild(label);
    list.forEach(function (text) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'chip';
      b.textContent = text;
      b.title = 'Send “' + text + '”';
      b.addEventListener('click', function () { sendMessage(p, text); });
      p.chips.appendChild(b);
    });
  }

  function updateEmpty(p) {
    var empty = p.shown.length === 0 && p.pending.length === 0;
    p.empty.hidden = !empty;
    if (!empty || p.chat !== 'group') return;
    var m = me();
    var unit = m && m.units[0] ? m.units[0].name : (state.members[0] && state.members[0].units[0] ? state.members[0].units[0].name : 'Benipur');
    if (!state.hasGroup) {
      p.emptyTitle.textContent = 'No group in the simulator';
      p.emptyBody.textContent = 'This district has no simulator group linked (its database is older than groups). ' +
        'The direct chat with ReportBot works as before.';
      return;
    }
    p.emptyTitle.textContent = m ? 'Post a figure to the group' : 'Pick who you are and post a figure';
    p.emptyBody.textContent = '';
    p.emptyBody.appendChild(document.createTextNode(m
      ? 'You are typing as ' + m.name + '. Try '
      : 'Choose a member above, then post e.g. '));
    var b = document.createElement('b');
    b.textContent = unit + ' 1240';
    p.emptyBody.appendChild(b);
    p.emptyBody.appendChild(document.createTextNode(' — ReportBot reacts ✅ on it.'));
  }

  // ----------------------------------------------------------------- rendering

  /** Lines in one run share a header; the bot's day's posts start a run of their own, under their kind. */
  function senderKey(msg) {
    return msg.direction === 'out' ? 'bot:' + (KIND_LABELS[msg.kind] ? msg.kind : 'reply') : 'm:' + msg.memberId;
  }

  function isOwn(msg) { return msg.direction === 'in' && state.meId != null && msg.memberId === state.meId; }

  function tickSvg() {
    return '<svg viewBox="0 0 16 11" width="16" height="11" aria-hidden="true"><path d="M11.07.65l-.66-.51a.4.4 0 00-.56.07L4.3 7.36 1.96 5.12a.4.4 0 00-.56.01l-.57.6a.4.4 0 00.01.56l3.05 2.9c.2.2.53.18.7-.05l6.55-7.93a.4.4 0 00-.07-.56z" fill="currentColor"/><path d="M15.07.65l-.66-.51a.4.4 0 00-.56.07L8.3 7.36l-.74-.7-.9 1.1 1.4 1.33c.2.2.53.18.7-.05l6.55-7.93a.4.4 0 00-.07-.56z" fill="currentColor"/></svg>';
  }
  function clockSvg() {
    return '<svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true"><circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.4"/><path d="M8 4.5V8l2.3 1.5" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linecap="round"/></svg>';
  }
  function botSvg() {
    return '<svg viewBox="0 0 24 24" width="17" height="17" aria-hidden="true"><rect x="4" y="8" width="16" height="11" rx="3" fill="none" stroke="#fff" stroke-width="1.8"/><circle cx="9.5" cy="13.5" r="1.5" fill="#fff"/><circle cx="14.5" cy="13.5" r="1.5" fill="#fff"/><path d="M12 8V5M12 4.2a.1.1 0 010 .1" stroke="#fff" stroke-width="1.8" stroke-linecap="round"/></svg>';
  }

  function makeAvatar(msg) {
    var a = document.createElement('span');
    a.className = 'avatar avatar-sm';
    if (msg.direction === 'out') {
      a.className += ' avatar-bot';
      a.innerHTML = botSvg();
      a.title = 'ReportBot';
    } else {
      var name = memberName(msg);
      a.textContent = initials(name);
      a.style.background = colourFor(msg.memberId);
      a.title = name;
    }
    return a;
  }

  function memberName(msg) {
    var m = state.byId[msg.memberId];
    return (m && m.name) || msg.memberName || ('Member ' + msg.memberId);
  }

  function makeDaySeparator(d) {
    var sep = document.createElement('div');
    sep.className = 'day';
    var s = document.createElement('span');
    s.textContent = dayLabel(d);
    sep.appendChild(s);
    return sep;
  }

  /** The quoted message above a bot's reply in the group (its author and text, as the server sent them). */
  function makeQuote(p, msg) {
    var q = document.createElement('div');
    q.className = 'quote';
    var authorId = msg.quotedMemberId;
    q.style.setProperty('--q', colourFor(authorId));
    q.title = 'Show the original message';
    var qn = document.createElement('div');
    qn.className = 'quote-name';
    qn.textContent = authorId != null && authorId === state.meId ? 'You'
      : (state.byId[authorId] && state.byId[authorId].name) || msg.quotedMemberName || 'Message';
    var qt = document.createElement('div');
    qt.className = 'quote-text';
    qt.textContent = plainSnippet(msg.quotedText || '…');
    q.appendChild(qn);
    q.appendChild(qt);
    q.addEventListener('click', function () { flashRef(p, msg.quoteRef); });
    return q;
  }

  /** Builds the row for msg in pane p; prev = the line shown just before it there (or null). */
  function buildRow(p, msg, prev) {
    var d = parseDate(msg.at);
    var own = isOwn(msg);
    var bot = msg.direction === 'out';
    var direct = p.chat === 'direct';
    var cont = !!prev && senderKey(prev) === senderKey(msg) &&
      dayKey(parseDate(prev.at)) === dayKey(d) &&
      (d - parseDate(prev.at)) < RUN_GAP_MS;

    var row = document.createElement('div');
    row.className = 'row' + (own ? ' own' : '') + (bot ? ' bot' : '') + (cont ? ' cont' : ' tail') +
      (bot && !direct && msg.memberId == null ? ' post' : '');
    row.dataset.id = msg.id;
    if (msg.messageRef) row.dataset.ref = msg.messageRef;

    // In the direct chat there is only ReportBot across from you: no avatars, no names.
    if (!own && !direct) {
      var slot = document.createElement('div');
      slot.className = 'avatar-slot';
      if (!cont) slot.appendChild(makeAvatar(msg));
      row.appendChild(slot);
    }

    var bubble = document.createElement('div');
    bubble.className = 'bubble';

    if (!own && !cont && !direct) {
      var sender = document.createElement('div');
      sender.className = 'sender';
      var nameEl = document.createElement('span');
      nameEl.className = 'sender-name';
      if (bot) {
        nameEl.textContent = 'ReportBot';
        sender.appendChild(nameEl);
        var badge = document.createElement('span');
        badge.className = 'bot-badge';
        badge.textContent = 'BOT';
        sender.appendChild(badge);
        if (KIND_LABELS[msg.kind]) {
          var kind = document.createElement('span');
          kind.className = 'sender-sub';
          kind.textContent = KIND_LABELS[msg.kind];
          sender.appendChild(kind);
        }
      } else {
        nameEl.textContent = memberName(msg);
        nameEl.style.color = colourFor(msg.memberId);
        sender.appendChild(nameEl);
        var sub = memberSubtitle(state.byId[msg.memberId]);
        if (sub) {
          var subEl = document.createElement('span');
          subEl.className = 'sender-sub';
          subEl.textContent = '~ ' + sub;
          sender.appendChild(subEl);
        }
      }
      bubble.appendChild(sender);
    }

    if (bot && msg.quoteRef) bubble.appendChild(makeQuote(p, msg));

    // The final summary's chart, with the summary (or its first part) as its caption below it.
    if (msg.imageUrl) {
      var img = document.createElement('img');
      img.className = 'picture';
      img.src = msg.imageUrl;
      img.alt = 'The day\'s chart';
      img.loading = 'lazy';
      bubble.appendChild(img);
    }

    var text = document.createElement('div');
    text.className = 'text';
    text.innerHTML = withMentions(formatWhatsApp(msg.text), msg.mentions); // escaped inside formatWhatsApp
    bubble.appendChild(text);

    var meta = document.createElement('span');
    meta.className = 'meta';
    var time = document.createElement('time');
    time.dateTime = d.toISOString();
    time.title = d.toLocaleString();
    time.textContent = hhmm(d);
    meta.appendChild(time);
    if (own) {
      var ticks = document.createElement('span');
      ticks.className = 'ticks' + (isAnswered(msg) ? ' read' : '');
      ticks.innerHTML = tickSvg();
      meta.appendChild(ticks);
    }
    bubble.appendChild(meta);
    row.appendChild(bubble);
    if (msg.messageRef && state.reactions[msg.messageRef]) setReaction(row, state.reactions[msg.messageRef]);
    return row;
  }

  /** The members a post mentions, shown as WhatsApp shows a mention. Names are escaped as the text was. */
  function withMentions(html, mentions) {
    if (!Array.isArray(mentions)) return html;
    var names = mentions.filter(function (m, i) { return m && mentions.indexOf(m) === i; }).map(escapeHtml);
    // only in the text between tags, never inside one
    return html.split(/(<[^>]*>)/).map(function (part) {
      if (part.charAt(0) === '<') return part;
      names.forEach(function (name) { part = part.split(name).join('\u0000' + name + '\u0001'); });
      return part.replace(/\u0000/g, '<span class="mention">').replace(/\u0001/g, '</span>');
    }).join('');
  }

  /** Blue ticks once the bot has acted on it: a reaction or a reply quoting it (group), any answer after it (direct). */
  function isAnswered(msg) {
    if (msg.chat === 'group') return !!(msg.messageRef && state.answered[msg.messageRef]);
    for (var i = state.messages.length - 1; i >= 0; i--) {
      var n = state.messages[i];
      if (n.id <= msg.id) break;
      if (n.chat === 'direct' && n.direction === 'out' && n.memberId === msg.memberId) return true;
    }
    return false;
  }

  /** The bot's reaction as a small badge under the message it reacts to, as WhatsApp shows one. */
  function setReaction(row, line) {
    var bubble = row.querySelector('.bubble');
    var badge = bubble.querySelector('.reaction');
    if (!badge) {
      badge = document.createElement('span');
      badge.className = 'reaction';
      bubble.appendChild(badge);
      row.classList.add('reacted');
    }
    badge.textContent = REACTION_EMOJI[line.reaction] || line.text;
    badge.title = 'ReportBot: ' + (line.reaction === 'changed' ? 'figure changed' : 'recorded');
    badge.setAttribute('aria-label', badge.title);
    badge.classList.remove('pop');
    void badge.offsetWidth;
    badge.classList.add('pop');
    var tk = bubble.querySelector('.ticks');
    if (tk) tk.classList.add('read');
  }

  function flashRef(p, ref) {
    var r = ref && p.messages.querySelector('[data-ref="' + (window.CSS && CSS.escape ? CSS.escape(ref) : ref) + '"]');
    if (!r) return;
    r.scrollIntoView({ block: 'center', behavior: 'smooth' });
    r.classList.remove('highlight');
    void r.offsetWidth;
    r.classList.add('highlight');
  }

  function appendRendered(p, msg) {
    var prev = p.shown.length ? p.shown[p.shown.length - 1] : null;
    var d = parseDate(msg.at);
    if (!prev || dayKey(parseDate(prev.at)) !== dayKey(d)) p.messages.appendChild(makeDaySeparator(d));
    var row = buildRow(p, msg, prev);
    p.rows[msg.id] = row;
    p.shown.push(msg);
    p.messages.appendChild(row);
  }

  function rerenderAll(p) {
    var atBottom = p.stick;
    p.messages.textContent = '';
    p.rows = {};
    p.shown = [];
    for (var i = 0; i < state.messages.length; i++) if (belongs(p, state.messages[i])) appendRendered(p, state.messages[i]);
    renderPending(p);
    if (atBottom) scrollToBottom(p, false);
  }

  // -------------------------------------------------------------- optimistic

  var pendingSeq = 0;

  function renderPending(p) {
    p.pendingEl.textContent = '';
    p.pending.forEach(function (item) {
      var row = document.createElement('div');
      row.className = 'row own tail pending' + (item.error ? ' failed' : '');
      var bubble = document.createElement('div');
      bubble.className = 'bubble';
      var m = state.byId[item.memberId];
      if (item.memberId !== state.meId && m) {
        var s = document.createElement('div');
        s.className = 'sender';
        s.textContent = m.name;
        bubble.appendChild(s);
      }
      var text = document.createElement('div');
      text.className = 'text';
      text.innerHTML = formatWhatsApp(item.text);
      bubble.appendChild(text);
      if (item.error) {
        var note = document.createElement('span');
        note.className = 'fail-note';
        note.appendChild(document.createTextNode('⚠ Not sent: ' + item.error + ' · '));
        var retry = document.createElement('button');
        retry.type = 'button';
        retry.textContent = 'Retry';
        retry.addEventListener('click', function () { removePending(p, item); sendMessage(p, item.text, item.memberId); });
        note.appendChild(retry);
        note.appendChild(document.createTextNode(' · '));
        var dismiss = document.createElement('button');
        dismiss.type = 'button';
        dismiss.textContent = 'Dismiss';
        dismiss.addEventListener('click', function () { removePending(p, item); });
        note.appendChild(dismiss);
        bubble.appendChild(note);
      }
      var meta = document.createElement('span');
      meta.className = 'meta';
      var t = document.createElement('time');
      t.textContent = hhmm(item.at);
      meta.appendChild(t);
      if (!item.error) {
        var c = document.createElement('span');
        c.className = 'ticks';
        c.innerHTML = clockSvg();
        meta.appendChild(c);
      }
      bubble.appendChild(meta);
      row.appendChild(bubble);
      p.pendingEl.appendChild(row);
    });
    updateEmpty(p);
  }

  function removePending(p, item) {
    var i = p.pending.indexOf(item);
    if (i !== -1) p.pending.splice(i, 1);
    renderPending(p);
  }

  /** Drop optimistic bubbles that the server has now echoed back. */
  function settlePending(p, fresh) {
    if (!p.pending.length) return;
    var changed = false;
    fresh.forEach(function (msg) {
      if (msg.direction !== 'in' || msg.chat !== p.chat) return;
      for (var i = 0; i < p.pending.length; i++) {
        var item = p.pending[i];
        var match = item.id != null ? item.id === msg.id
          : (!item.error && item.memberId === msg.memberId && item.text.trim() === String(msg.text).trim());
        if (match) { p.pending.splice(i, 1); changed = true; break; }
      }
    });
    if (changed) renderPending(p);
  }

  function sendMessage(p, text, asMemberId) {
    var memberId = asMemberId != null ? asMemberId : state.meId;
    text = String(text || '').replace(/^\s+|\s+$/g, '');
    if (!text || memberId == null) return;
    var item = { key: ++pendingSeq, memberId: memberId, text: text, at: new Date(), id: null, error: null };
    p.pending.push(item);
    renderPending(p);
    scrollToBottom(p, false);

    request('POST', API + '/messages', { memberId: memberId, text: text, chat: p.chat }).then(function (r) {
      if (r.ok) {
        setOnline(true);
        var id = r.data && typeof r.data.id === 'number' ? r.data.id : null;
        item.id = id;
        if (id != null && state.seen[id]) removePending(p, item);
      } else {
        item.error = (r.data && r.data.error) || ('server said ' + r.status);
        renderPending(p);
        if (p.stick) scrollToBottom(p, false);
      }
      pollSoon();
    }).catch(function () {
      item.error = "can't reach ReportBot";
      setOnline(false);
      renderPending(p);
    });
  }

  // ------------------------------------------------------------------ polling

  function pollSoon() {
    if (state.polling) { state.pollAgain = true; return; }
    clearTimeout(state.pollTimer);
    poll();
  }

  function poll() {
    state.pollTimer = null;
    state.polling = true;
    request('GET', API + '/messages?after=' + encodeURIComponent(state.lastId)).then(function (r) {
      if (!r.ok || !r.data || !Array.isArray(r.data.messages)) throw new Error('bad messages');
      setOnline(true);
      var fresh = r.data.messages.filter(function (m) {
        return m && typeof m.id === 'number' && !state.seen[m.id];
      }).sort(function (a, b) { return a.id - b.id; });
      if (fresh.length) addMessages(fresh);
      // a big batch may be paged by the server: ask again straight away
      if (fresh.length >= 50) state.pollAgain = true;
    }).catch(function () {
      setOnline(false);
    }).then(function () {
      state.polling = false;
      var delay = state.pollAgain ? 0 : (document.hidden ? POLL_HIDDEN_MS : POLL_MS);
      state.pollAgain = false;
      state.pollTimer = setTimeout(poll, delay);
    });
  }

  function addMessages(fresh) {
    var first = state.firstBatch;
    state.firstBatch = false;
    var outOfOrder = state.messages.length && fresh[0].id < state.messages[state.messages.length - 1].id;
    var wasAtBottom = {}, mine = {}, added = {};
    eachPane(function (p) { wasAtBottom[p.chat] = p.stick; mine[p.chat] = false; added[p.chat] = 0; });

    fresh.forEach(function (msg) {
      state.seen[msg.id] = true;
      if (msg.id > state.lastId) state.lastId = msg.id;
      state.messages.push(msg);
      if (msg.direction === 'out' && msg.quoteRef) state.answered[msg.quoteRef] = true;
      if (msg.reaction && msg.quoteRef) state.reactions[msg.quoteRef] = msg;
    });
    if (outOfOrder) state.messages.sort(function (a, b) { return a.id - b.id; });

    eachPane(function (p) {
      if (outOfOrder) { rerenderAll(p); return; }
      fresh.forEach(function (msg) {
        if (msg.reaction) {
          // a reaction is a badge on the message it reacts to, not a bubble of its own
          var target = msg.quoteRef && p.messages.querySelector('[data-ref="' + (window.CSS && CSS.escape ? CSS.escape(msg.quoteRef) : msg.quoteRef) + '"]');
          if (target) setReaction(target, msg);
          return;
        }
        if (!belongs(p, msg)) return;
        if (msg.direction === 'out' && p.chat === 'direct') markDirectRead(p);
        else if (msg.direction === 'out' && msg.quoteRef) markRead(p, msg.quoteRef);
        appendRendered(p, msg);
        added[p.chat]++;
        if (isOwn(msg)) mine[p.chat] = true;
      });
    });

    eachPane(function (p) {
      settlePending(p, fresh);
      updateEmpty(p);
      if (!added[p.chat]) return;
      if (!first && !paneVisible(p)) { p.unread += added[p.chat]; updateTabs(); }
      if (first || wasAtBottom[p.chat] || mine[p.chat]) {
        scrollToBottom(p, false);
      } else {
        p.unseen += added[p.chat];
        showJump(p);
      }
    });
  }

  function markRead(p, ref) {
    var r = p.messages.querySelector('[data-ref="' + (window.CSS && CSS.escape ? CSS.escape(ref) : ref) + '"] .ticks');
    if (r) r.classList.add('read');
  }

  function markDirectRead(p) {
    var all = p.messages.querySelectorAll('.row.own .ticks');
    for (var i = 0; i < all.length; i++) all[i].classList.add('read');
  }

  // ---------------------------------------------------------------- scrolling

  function isAtBottom(p) {
    var c = p.chatEl;
    return c.scrollHeight - c.scrollTop - c.clientHeight < 48;
  }

  function scrollToBottom(p, smooth) {
    var c = p.chatEl;
    var go = function () {
      if (smooth && 'scrollBehavior' in document.documentElement.style) {
        c.scrollTo({ top: c.scrollHeight, behavior: 'smooth' });
      } else {
        c.scrollTop = c.scrollHeight;
      }
    };
    p.stick = true;
    go();
    if (!smooth) requestAnimationFrame(function () { if (p.stick) go(); });
    p.unseen = 0;
    showJump(p);
  }

  function showJump(p) {
    var show = !isAtBottom(p);
    p.jump.hidden = !show;
    p.jumpCount.hidden = !(show && p.unseen > 0);
    p.jumpCount.textContent = p.unseen > 99 ? '99+' : String(p.unseen);
  }

  // ----------------------------------------------------------------- composer

  function updateSendButton(p) {
    p.send.disabled = !me() || p.input.disabled || !p.input.value.trim();
  }

  function autoGrow(p) {
    var t = p.input;
    t.style.height = 'auto';
    t.style.height = Math.min(t.scrollHeight, 140) + 'px';
  }

  function submitComposer(p) {
    var text = p.input.value;
    if (!text.trim() || !me()) return;
    sendMessage(p, text);
    p.input.value = '';
    autoGrow(p);
    updateSendButton(p);
    p.input.focus();
  }

  function wirePane(p) {
    p.composer.addEventListener('submit', function (e) { e.preventDefault(); submitComposer(p); });
    p.input.addEventListener('keydown', function (e) {
      // Enter sends, Shift+Enter = newline; never interrupt an IME (Hindi keyboards) mid-composition
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        submitComposer(p);
      }
    });
    p.input.addEventListener('input', function () { autoGrow(p); updateSendButton(p); });
    p.chatEl.addEventListener('scroll', function () {
      p.stick = isAtBottom(p);
      if (p.stick) p.unseen = 0;
      showJump(p);
    }, { passive: true });
    // keep the newest message in view when the chat area shrinks (phone keyboard, composer growing)
    if (typeof ResizeObserver !== 'undefined') {
      new ResizeObserver(function () { if (p.stick) p.chatEl.scrollTop = p.chatEl.scrollHeight; }).observe(p.chatEl);
    }
    p.jump.addEventListener('click', function () { scrollToBottom(p, true); });
    p.tab.addEventListener('click', function () { showPane(p.chat); });
    if (p.botAvatar) p.botAvatar.innerHTML = botSvg();
  }

  // --------------------------------------------------------------------- init

  function init() {
    ['app', 'groupTitle', 'groupSub', 'groupAvatar', 'picker', 'meAvatar', 'banner', 'bannerText']
      .forEach(function (id) { el[id] = $(id); });
    el.select = $('memberSelect');
    panes.group = makePane('group');
    panes.direct = makePane('direct');
    eachPane(wirePane);

    el.select.addEventListener('change', function () {
      var v = el.select.value;
      selectMember(v && state.byId[v] ? state.byId[v].id : null, true);
    });

    document.addEventListener('visibilitychange', function () { if (!document.hidden) pollSoon(); });

    eachPane(updateEmpty);
    loadGroup();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
