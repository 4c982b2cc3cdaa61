// BylineUI
