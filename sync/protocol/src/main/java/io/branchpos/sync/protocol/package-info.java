/** The wire contract between terminals and HQ: envelopes, event payloads, versions, JSON codecs. */
package io.branchpos.sync.protocol;
