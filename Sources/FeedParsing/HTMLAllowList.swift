/// feedparser's allow-lists for HTML in feeds: what survives sanitising.
enum HTMLAllowList {
    static let elements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote",
        "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command",
        "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
        "event-source", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "keygen", "label", "legend",
        "li", "m", "map", "menu", "meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup",
        "option", "output", "p", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "section",
        "select", "small", "sound", "source", "spacer", "span", "strike", "strong", "sub", "sup", "table",
        "tbody", "td", "textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video",
    ]

    static let attributes: Set<String> = [
        "abbr", "accept", "accept-charset", "accesskey", "action", "align", "alt", "autocomplete",
        "autofocus", "axis", "background", "balance", "bgcolor", "bgproperties", "border", "bordercolor",
        "bordercolordark", "bordercolorlight", "bottompadding", "cellpadding", "cellspacing", "ch",
        "challenge", "char", "charoff", "charset", "checked", "choff", "cite", "class", "clear", "color",
        "cols", "colspan", "compact", "contenteditable", "controls", "coords", "data", "datafld",
        "datapagesize", "datasrc", "datetime", "default", "delay", "dir", "disabled", "draggable", "dynsrc",
        "enctype", "end", "face", "for", "form", "frame", "galleryimg", "gutter", "headers", "height",
        "hidden", "hidefocus", "high", "href", "hreflang", "hspace", "icon", "id", "inputmode", "ismap",
        "keytype", "label", "lang", "leftspacing", "list", "longdesc", "loop", "loopcount", "loopend",
        "loopstart", "low", "lowsrc", "max", "maxlength", "media", "method", "min", "multiple", "name",
        "nohref", "noshade", "nowrap", "open", "optimum", "pattern", "ping", "point-size", "poster", "pqg",
        "preload", "prompt", "radiogroup", "readonly", "rel", "repeat-max", "repeat-min", "replace",
        "required", "rev", "rightspacing", "rows", "rowspan", "rules", "scope", "selected", "shape", "size",
        "span", "src", "start", "step", "style", "summary", "suppress", "tabindex", "target", "template",
        "title", "toppadding", "type", "unselectable", "urn", "usemap", "valign", "value", "variable",
        "volume", "vrml", "vspace", "width", "wrap", "xml:lang",
    ]

    /// Elements whose text is dropped along with the tags.
    static let elementsDroppedWithContent: Set<String> = ["applet", "script", "style"]

    /// Attributes whose value is a link: one with a scheme that could run code is dropped.
    static let linkAttributes: Set<String> = [
        "href", "src", "lowsrc", "dynsrc", "background", "action", "cite", "longdesc", "usemap", "poster",
        "data", "xlink:href", "datasrc", "icon", "ping",
    ]

    static let mathMLElements: Set<String> = [
        "annotation", "annotation-xml", "maction", "maligngroup", "malignmark", "math", "menclose",
        "merror", "mfenced", "mfrac", "mglyph", "mi", "mlabeledtr", "mlongdiv", "mmultiscripts", "mn", "mo",
        "mover", "mpadded", "mphantom", "mprescripts", "mroot", "mrow", "ms", "mscarries", "mscarry",
        "msgroup", "msline", "mspace", "msqrt", "msrow", "mstack", "mstyle", "msub", "msubsup", "msup",
        "mtable", "mtd", "mtext", "mtr", "munder", "munderover", "none", "semantics",
    ]

    static let mathMLAttributes: Set<String> = [
        "accent", "accentunder", "actiontype", "align", "alignmentscope", "altimg", "altimg-height",
        "altimg-valign", "altimg-width", "alttext", "bevelled", "charalign", "close", "columnalign",
        "columnlines", "columnspacing", "columnspan", "columnwidth", "crossout", "decimalpoint",
        "denomalign", "depth", "dir", "display", "displaystyle", "edge", "encoding", "equalcolumns",
        "equalrows", "fence", "fontstyle", "fontweight", "form", "frame", "framespacing", "groupalign",
        "height", "href", "id", "indentalign", "indentalignfirst", "indentalignlast", "indentshift",
        "indentshiftfirst", "indentshiftlast", "indenttarget", "infixlinebreakstyle", "largeop", "length",
        "linebreak", "linebreakmultchar", "linebreakstyle", "lineleading", "linethickness", "location",
        "longdivstyle", "lquote", "lspace", "mathbackground", "mathcolor", "mathsize", "mathvariant",
        "maxsize", "minlabelspacing", "minsize", "movablelimits", "notation", "numalign", "open", "other",
        "overflow", "position", "rowalign", "rowlines", "rowspacing", "rowspan", "rquote", "rspace",
        "scriptlevel", "scriptminsize", "scriptsizemultiplier", "selection", "separator", "separators",
        "shift", "side", "src", "stackalign", "stretchy", "subscriptshift", "superscriptshift", "symmetric",
        "voffset", "width", "xlink:href", "xlink:show", "xlink:type", "xmlns", "xmlns:xlink",
    ]

    /// SVG Tiny element names as written (some are camel case).
    static let svgElementNames: [String] = [
        "a", "animate", "animateColor", "animateMotion", "animateTransform", "circle", "defs", "desc",
        "ellipse", "font-face", "font-face-name", "font-face-src", "foreignObject", "g", "glyph", "hkern",
        "line", "linearGradient", "marker", "metadata", "missing-glyph", "mpath", "path", "polygon",
        "polyline", "radialGradient", "rect", "set", "stop", "svg", "switch", "text", "title", "tspan", "use",
    ]

    static let svgAttributeNames: [String] = [
        "accent-height", "accumulate", "additive", "alphabetic", "arabic-form", "ascent", "attributeName",
        "attributeType", "baseProfile", "bbox", "begin", "by", "calcMode", "cap-height", "class", "color",
        "color-rendering", "content", "cx", "cy", "d", "descent", "display", "dur", "dx", "dy", "end",
        "fill", "fill-opacity", "fill-rule", "font-family", "font-size", "font-stretch", "font-style",
        "font-variant", "font-weight", "from", "fx", "fy", "g1", "g2", "glyph-name", "gradientUnits",
        "hanging", "height", "horiz-adv-x", "horiz-origin-x", "id", "ideographic", "k", "keyPoints",
        "keySplines", "keyTimes", "lang", "marker-end", "marker-mid", "marker-start", "markerHeight",
        "markerUnits", "markerWidth", "mathematical", "max", "min", "name", "offset", "opacity", "orient",
        "origin", "overline-position", "overline-thickness", "panose-1", "path", "pathLength", "points",
        "preserveAspectRatio", "r", "refX", "refY", "repeatCount", "repeatDur", "requiredExtensions",
        "requiredFeatures", "restart", "rotate", "rx", "ry", "slope", "stemh", "stemv", "stop-color",
        "stop-opacity", "strikethrough-position", "strikethrough-thickness", "stroke", "stroke-dasharray",
        "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
        "stroke-width", "systemLanguage", "target", "text-anchor", "to", "transform", "type", "u1", "u2",
        "underline-position", "underline-thickness", "unicode", "unicode-range", "units-per-em", "values",
        "version", "viewBox", "visibility", "width", "widths", "x", "x-height", "x1", "x2", "xlink:actuate",
        "xlink:arcrole", "xlink:href", "xlink:role", "xlink:show", "xlink:title", "xlink:type", "xml:base",
        "xml:lang", "xml:space", "xmlns", "xmlns:xlink", "y", "y1", "y2", "zoomAndPan",
    ]

    /// SVG names compared in lower case, mapped back to their written form.
    static let svgElements: [String: String] = Dictionary(svgElementNames.map { ($0.lowercased(), $0) }) { a, _ in a }
    static let svgAttributes: [String: String] = Dictionary(svgAttributeNames.map { ($0.lowercased(), $0) }) { a, _ in a }
}
