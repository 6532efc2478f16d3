//! Bounded reading of zip packages (DOCX, ODT): entry count, per-entry and
//! total uncompressed size and compression ratio are all capped.
