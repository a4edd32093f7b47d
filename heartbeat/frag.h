/* Splitting of packets too big for one UDP datagram (ours to ours only).
 * The original has no fragmentation: a message that is still over 64 KiB
 * after compression fails at sendto.  We cut the signed packet into pieces,
 * each sent as its own signed "NS_hbfrag" message, and the receiver joins
 * them and hands the whole packet to transport_receive.  3.0.6 keeps an NS_
 * message only when it has no dest or its own name as dest, never sequences
 * it, and hands an unknown type to no handler: a broadcast piece reaches at
 * most an API client that asked for every type, and is otherwise ignored. */
#ifndef HB_FRAG_H
#define HB_FRAG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "msg.h"

#define FRAG_TYPE "NS_hbfrag"
#define FRAG_LIMIT 60000      /* packets above this are split (UDP carries 65507) */
#define FRAG_PIECE 56000      /* payload bytes per piece */

struct medium;
/* Send pkt (a signed wire packet) on md in pieces.  dest: the message's
 * dest, copied so 3.0.6 nodes it is not for drop the pieces.  0 or -1. */
int frag_send(struct medium *md, const char *pkt, size_t len, const char *dest);
/* A verified NS_hbfrag from the network: when it completes a packet, *out
 * gets it (g_free it) and true is returned. */
bool frag_receive(const struct hb_msg *m, uint64_t now, char **out, size_t *outlen);
/* Forget reassemblies older than 10 s. */
void frag_expire(uint64_t now);
#endif
