// BylineStore
