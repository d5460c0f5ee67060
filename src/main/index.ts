// Electron shell: replaced by the shell work (windows, IPC, utility process).
export {}
