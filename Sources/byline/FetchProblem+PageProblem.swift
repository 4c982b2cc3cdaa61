import BylineFeeds
import BylineUI

extension FetchProblem {
    /// Why a page gave no story, in the reader's terms: `update` words it.
    init(_ problem: PageProblem) {
        switch problem {
        case .notAWebAddress: self = .notAWebAddress
        case .fetch(.http(let status)): self = .httpStatus(status)
        case .fetch(let failure): self = .unreachable(FailureReason(failure.description))
        case .notAWebPage, .binary: self = .notAPage(FailureReason(problem.description))
        case .noStoryText: self = .noStoryText
        case .noMoreThanTheFeed: self = .noMoreText
        case .notAStory(let kind): self = .notAStory(kind)
        }
    }
}
