//! The storage layer: the journal's tables as typed rows, read and written here. It grows a
//! module per group of tables as the rest of the core moves its SQL in (the operations issue);
//! for now it holds the operation log.

pub mod op_log;
