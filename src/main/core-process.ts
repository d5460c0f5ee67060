// The core in Electron's utility process: replaced by the shell work.
export {}
