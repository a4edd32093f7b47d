/* systemd readiness notification (Type=notify): READY=1, RELOADING=1, STOPPING=1. */
#ifndef HB_SDNOTIFY_H
#define HB_SDNOTIFY_H
void sd_notify_state(const char *state);
#endif
