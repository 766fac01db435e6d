"""Page furniture that is not part of a release: share and print links, menus, breadcrumbs.

Used on every input format, but only on short blocks made entirely of such words, so that an
article's own sentences are never dropped.
"""
from __future__ import annotations

import re

#: words and phrases that make up navigation bars, tool links and language switchers
_FURNITURE = {
    # English tool links
    "suggest to a friend", "suggest to friend", "print", "print this page", "printer friendly",
    "printer-friendly version", "close", "close window", "e-mail", "email", "email this page",
    "e-mail this page", "share", "share to", "share this", "share this article", "tweet",
    "back to top", "top", "back", "return", "go back", "font size", "font", "a+", "a-", "large",
    "medium", "small", "bookmark", "favorite", "favourite", "save", "download", "rss", "subscribe",
    "facebook", "twitter", "weibo", "wechat", "linkedin", "whatsapp", "copy link",
    # English navigation
    "home", "homepage", "home page", "contact us", "contact", "links", "link", "sitemap",
    "site map", "search", "menu", "about us", "login", "log in", "sign in", "register",
    "skip to content", "skip to main content", "skip navigation", "main menu", "navigation",
    "previous", "next", "more", "related", "related links", "related news",
    # language switchers
    "english", "中文", "简体", "繁體", "繁体", "简体中文", "繁體中文", "français", "francais",
    "español", "espanol", "русский", "العربية", "deutsch", "日本語", "한국어", "português",
    # Chinese tool links and navigation
    "打印", "打印本页", "关闭", "关闭窗口", "推荐给朋友", "推荐", "分享", "分享到", "收藏", "字号",
    "大", "中", "小", "默认", "返回顶部", "返回", "顶部", "首页", "网站首页", "联系我们", "网站地图",
    "相关链接", "友情链接", "链接", "登录", "注册", "搜索", "更多", "上一篇", "下一篇", "纠错",
    "【打印】", "【关闭】", "微信", "微博", "扫一扫", "复制链接", "扫一扫在手机打开当前页",
    "手机扫一扫", "扫描二维码",
}
#: a font size switcher: "字体：大 中 小", "Font size: A+ A A-"
_FONT_SIZE = re.compile(r"(?:字体|字号|font size|text size)\s*[:：]?\s*(?:(?:大|中|小|默认|a\+?|a-)\s*)+",
                        re.IGNORECASE)
#: the editor's credit closing a news page: "责任编辑：张三", "Editor: Zhang San" (a name only)
_EDITOR = re.compile(r"(?:责任编辑|编辑|责编|editor|editor in charge)\s*[:：]\s*"
                     r"[^\s,，。.;；:：]{1,12}(?:\s[^\s,，。.;；:：]{1,12}){0,2}", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:[|｜·•/]|\s{2,}|\s(?=[\[【〔(（])|(?<=[\]】〕)）])\s*)\s*")
_BRACKETS = "[]【】〔〕()（）<>《》「」 \t"
_BREADCRUMB = re.compile(r"\s*(?:>|»|›|＞|>>|→)\s*")
_BREADCRUMB_START = {"home", "homepage", "首页", "当前位置", "您的位置", "你的位置", "当前位置：首页",
                     "您现在的位置", "当前位置:首页", "位置", "you are here", "you are here:"}


def _is_furniture_token(token: str) -> bool:
    token = token.strip(_BRACKETS).strip(" :：").lower()
    return (not token or token in _FURNITURE or _FONT_SIZE.fullmatch(token) is not None
            or _EDITOR.fullmatch(token) is not None)


def is_boilerplate(text: str) -> bool:
    """True for a short block made only of page furniture ("[Suggest to a Friend]",
    "【打印】 【关闭】", "Contact Us | Links | 中文", "HOME > China News")."""
    text = text.strip()
    if not text or len(text) > 80:
        return False
    if _is_furniture_token(text):
        return True
    parts = _BREADCRUMB.split(text)
    if len(parts) >= 2 and all(0 < len(p) <= 40 for p in parts) and (
            parts[0].strip(" :：").lower() in _BREADCRUMB_START
            or parts[0].lower().startswith(("当前位置", "您的位置", "您现在的位置", "你的位置"))):
        return True
    tokens = [t for t in _SPLIT.split(text) if t.strip()]
    if len(tokens) >= 2 and all(_is_furniture_token(t) for t in tokens):
        return True
    # "Contact Us Links 中文": furniture phrases separated by single spaces
    return _covered_by_phrases(text.lower())


def _covered_by_phrases(text: str) -> bool:
    """Whether ``text`` is a sequence of furniture phrases separated by spaces (greedy, longest
    first, over words)."""
    words = text.split()
    if len(words) < 2 or len(words) > 12:
        return False
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 4), i, -1):
            if _is_furniture_token(" ".join(words[i:j])):
                i = j
                break
        else:
            return False
    return True
