package dev.mentor.communities;

/** Told when a community's settings change, so its digest trigger moves at once. */
@FunctionalInterface
public interface CommunityListener {

    void communityChanged(Community community);

    CommunityListener NONE = community -> {
    };
}
