// BylineExtract
